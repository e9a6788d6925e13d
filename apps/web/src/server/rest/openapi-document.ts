import "server-only";
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../trpc/root";

export const REST_BASE_PATH = "/api/v1";

let cached: OpenAPIObject | undefined;

/** The OpenAPI 3 document of the REST API, generated from the tRPC procedures it serves. */
export function openApiDocument(publicUrl: string): OpenAPIObject {
  cached ??= generateOpenApiDocument(appRouter, {
    title: "Tidewire API",
    version: "1.0.0",
    description: [
      "Every tenant action of the Tidewire portal, as REST. Authenticate with an API key (HTTP Basic: key id as user name, secret as password;",
      "or the header Authorization: Bearer <key id>:<secret>) or a portal session. A key acts for its own tenant; a person for the tenant chosen with the",
      "x-tidewire-tenant header (a tenant slug), else their current one. Keys need the read scope for GET and the write scope for changes;",
      "members and API keys are managed by people only. Each key has request limits per second and per minute: a 429 names the limit hit.",
      "Secrets (AES keys, passwords, tokens) are write-only and never returned. IoTC clients: see the IoTC-compatible API under /api.beta/v1.",
    ].join(" "),
    baseUrl: `${publicUrl.replace(/\/$/, "")}${REST_BASE_PATH}`,
    docsUrl: `${publicUrl.replace(/\/$/, "")}/api-docs`,
    securitySchemes: {
      basicAuth: { type: "http", scheme: "basic", description: "API key id and secret" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "a portal session" },
    },
    tags: [
      "Session",
      "Tenant",
      "Devices",
      "Device import",
      "Profiles",
      "Alarms",
      "Gateways",
      "Egress targets",
      "Dashboard",
      "Members",
      "API keys",
      "Platform admin",
    ],
  });
  return cached;
}
