// Calls the running portal's APIs the way clients do: tRPC over HTTP, REST (/api/v1) and the
// IoTC-compatible API, with whatever credentials a test gives.
import type { OpenApiMeta } from "trpc-to-openapi";

export interface ApiResponse {
  status: number;
  body: unknown;
  text: string;
}

async function answer(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, text };
}

/** One tRPC call, unbatched, as @trpc/client's httpLink sends it. */
export async function trpcCall(
  baseUrl: string,
  path: string,
  type: "query" | "mutation",
  input: unknown,
  headers: Record<string, string>,
): Promise<ApiResponse> {
  if (type === "query") {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return answer(await fetch(`${baseUrl}/api/trpc/${path}${query}`, { headers }));
  }
  return answer(
    await fetch(`${baseUrl}/api/trpc/${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      ...(input === undefined ? {} : { body: JSON.stringify(input) }),
    }),
  );
}

/** One REST call for a procedure: path parameters from the input, the rest as the query string
 * (GET, DELETE) or the JSON body. */
export async function restCall(
  baseUrl: string,
  openapi: NonNullable<OpenApiMeta["openapi"]>,
  input: unknown,
  headers: Record<string, string>,
): Promise<ApiResponse> {
  const rest = { ...((input ?? {}) as Record<string, unknown>) };
  const path = openapi.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  const inQuery = openapi.method === "GET" || openapi.method === "DELETE";
  const query = inQuery && Object.keys(rest).length ? `?${new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, String(v)] as [string, string]))}` : "";
  return answer(
    await fetch(`${baseUrl}/api/v1${path}${query}`, {
      method: openapi.method,
      headers: { ...headers, ...(inQuery ? {} : { "content-type": "application/json" }) },
      ...(inQuery ? {} : { body: JSON.stringify(rest) }),
    }),
  );
}

export async function httpCall(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<ApiResponse> {
  return answer(
    await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
}

export const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
