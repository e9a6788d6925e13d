import "server-only";
import {
  createGatewayToken,
  deleteGateway,
  getGateway,
  listGateways,
  listIngressCredentials,
  renameGateway,
  revokeIngressCredential,
  setAllowedMacs,
  setArubaCredential,
} from "@tidewire/db";
import { z } from "zod";
import { router, tenantProcedure, tenantWriteProcedure } from "../init";
import { isoDate, nullableIsoDate } from "../schemas/common";
import { statsSchema, toStats } from "../schemas/device";

const tags = ["Gateways"];
const mac = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase().replace(/[\s:.-]/g, ""))
  .pipe(z.string().regex(/^[0-9a-f]{12}$/, "a MAC address is 12 hex digits, e.g. d0:15:46:c2:04:a2"));

const gatewaySchema = z.object({
  id: z.string(),
  kind: z.string(),
  mac: z.string(),
  name: z.string(),
  hardwareDescriptor: z.string(),
  softwareVersion: z.string(),
  connectionState: z.enum(["CONNECTED", "DISCONNECTED"]),
  apHealth: z.string(),
  usbHealth: z.string(),
  healthDetail: z.unknown().nullable(),
  licensed: z.boolean().describe("false: over the license's gateway limit, its telegrams are not processed"),
  firstSeenAt: isoDate,
  lastSeenAt: nullableIsoDate,
  lastHealthAt: nullableIsoDate,
  stats: statsSchema,
});

type GatewayRow = Awaited<ReturnType<typeof listGateways>>[number];
const toGateway = (g: GatewayRow): z.infer<typeof gatewaySchema> => ({
  id: g.id,
  kind: g.kind,
  mac: g.mac,
  name: g.name,
  hardwareDescriptor: g.hardwareDescriptor,
  softwareVersion: g.softwareVersion,
  connectionState: g.connectionState,
  apHealth: g.apHealth,
  usbHealth: g.usbHealth,
  healthDetail: g.healthDetail ?? null,
  licensed: g.licensed,
  firstSeenAt: g.firstSeenAt.toISOString(),
  lastSeenAt: g.lastSeenAt?.toISOString() ?? null,
  lastHealthAt: g.lastHealthAt?.toISOString() ?? null,
  stats: toStats(g.stats),
});

const credentialSchema = z.object({
  id: z.string(),
  kind: z.enum(["ARUBA", "GATEWAY_TOKEN"]),
  name: z.string(),
  username: z.string().nullable(),
  tokenHint: z.string().nullable().describe("the token's first characters, to tell tokens apart"),
  allowedMacs: z.array(z.string()),
  gateways: z.number(),
  createdAt: isoDate,
  revokedAt: nullableIsoDate,
  lastUsedAt: nullableIsoDate,
});

const idInput = z.object({ id: z.string().min(1).max(64) });

export const gatewaysRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/gateways", tags, summary: "Gateways with connection, health and statistics" } })
    .input(z.object({}).optional())
    .output(z.array(gatewaySchema))
    .query(async ({ ctx }) => (await listGateways(ctx.db, ctx.access.tenantId)).map(toGateway)),

  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/gateways/{id}", tags, summary: "One gateway" } })
    .input(idInput)
    .output(gatewaySchema.extend({ credential: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable() }))
    .query(async ({ ctx, input }) => {
      const g = await getGateway(ctx.db, ctx.access.tenantId, input.id);
      return { ...toGateway(g), credential: g.credential };
    }),

  rename: tenantWriteProcedure
    .meta({ openapi: { method: "PATCH", path: "/gateways/{id}", tags, summary: "Name a gateway" } })
    .input(idInput.extend({ name: z.string().trim().max(80) }))
    .output(gatewaySchema)
    .mutation(async ({ ctx, input }) => toGateway(await renameGateway(ctx.db, ctx.access.tenantId, input.id, input.name))),

  delete: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/gateways/{id}", tags, summary: "Forget a gateway (it comes back when it connects again)" } })
    .input(idInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteGateway(ctx.db, ctx.access.tenantId, input.id)),

  credentials: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/gateway-credentials", tags, summary: "How gateways log in: Aruba usernames and gateway tokens (never their secrets)" } })
    .input(z.object({}).optional())
    .output(z.array(credentialSchema))
    .query(async ({ ctx }) =>
      (await listIngressCredentials(ctx.db, ctx.access.tenantId)).map(({ _count, createdAt, revokedAt, lastUsedAt, ...c }) => ({
        ...c,
        gateways: _count.gateways,
        createdAt: createdAt.toISOString(),
        revokedAt: revokedAt?.toISOString() ?? null,
        lastUsedAt: lastUsedAt?.toISOString() ?? null,
      })),
    ),

  createToken: tenantWriteProcedure
    .meta({ openapi: { method: "POST", path: "/gateway-credentials/tokens", tags, summary: "Create a token for a generic gateway; the token is shown once" } })
    .input(z.object({ name: z.string().trim().min(1).max(80) }))
    .output(z.object({ id: z.string(), token: z.string().describe("shown once: store it in the gateway now") }))
    .mutation(({ ctx, input }) => createGatewayToken(ctx.db, ctx.access.tenantId, { name: input.name })),

  setAruba: tenantWriteProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/gateway-credentials/aruba",
        tags,
        summary: "Set the username and password Aruba access points log in with",
        description: "Creates the credential, or changes the password and allow-list of one this tenant has. The password is stored hashed.",
      },
    })
    .input(
      z.object({
        name: z.string().trim().min(1).max(80),
        username: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ @ - only"),
        password: z.string().min(12, "at least 12 characters").max(200),
        allowedMacs: z.array(mac).max(10_000).optional(),
      }),
    )
    .output(z.object({ id: z.string(), username: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const row = await setArubaCredential(ctx.db, ctx.access.tenantId, input);
      return { id: row.id, username: row.username };
    }),

  setAllowedMacs: tenantWriteProcedure
    .meta({ openapi: { method: "PUT", path: "/gateway-credentials/{id}/allowed-macs", tags, summary: "Limit an Aruba credential to these access points (empty: any)" } })
    .input(idInput.extend({ macs: z.array(mac).max(10_000) }))
    .output(z.object({ id: z.string(), allowedMacs: z.array(z.string()) }))
    .mutation(({ ctx, input }) => setAllowedMacs(ctx.db, ctx.access.tenantId, input.id, input.macs)),

  revokeCredential: tenantWriteProcedure
    .meta({ openapi: { method: "DELETE", path: "/gateway-credentials/{id}", tags, summary: "Revoke a gateway token or Aruba credential" } })
    .input(idInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => revokeIngressCredential(ctx.db, ctx.access.tenantId, input.id)),
});
