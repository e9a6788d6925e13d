import "server-only";
import { TRPCError } from "@trpc/server";
import type { Principal } from "../auth/principal";
import { contextFor } from "../trpc/context";
import { createCaller } from "../trpc/root";
import { egressOutputOf, toIotcGateway, toIotcStats } from "./iotc-shapes";
import { fromIotcDevice, iotcDeviceInputSchema, toIotcDevice } from "./iotc-device";

/** IoTC's API base path; Tidewire also answers under /iotc (see docs/api.md). */
export const IOTC_BASE_PATHS = ["/api.beta/v1", "/iotc"];

type Caller = ReturnType<typeof createCaller>;
type Query = URLSearchParams;
type Handler = (caller: Caller, params: Record<string, string>, query: Query, body: unknown) => Promise<{ status?: number; body: unknown }>;

class IotcRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sourceIdOf = (query: Query) => {
  const id = query.get("sourceID") ?? query.get("sourceId") ?? query.get("sourceEurid");
  if (!id) throw new IotcRequestError(400, "BAD_REQUEST", "sourceID is required");
  return id;
};

/** IoTC's optional destinationID (default FFFFFFFF) must match the device's destination. */
async function deviceFor(caller: Caller, sourceEurid: string, query: Query) {
  const device = await caller.devices.get({ sourceEurid });
  const destination = (query.get("destinationID") ?? "ffffffff").toLowerCase();
  if (device.destinationEurid !== destination) throw new IotcRequestError(404, "NOT_FOUND", "Device not found");
  return device;
}

async function allDevices(caller: Caller) {
  const devices = [];
  for (let page = 1; ; page++) {
    const result = await caller.devices.list({ kind: "ENOCEAN", page, pageSize: 500, sort: "sourceEurid", direction: "asc" });
    devices.push(...result.rows);
    if (devices.length >= result.total || result.rows.length === 0) return devices;
  }
}

function deviceBody(body: unknown, sourceEurid?: string) {
  const parsed = iotcDeviceInputSchema.safeParse(sourceEurid ? { ...(body as object), sourceEurid } : body);
  if (!parsed.success) {
    throw new IotcRequestError(400, "BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return fromIotcDevice(parsed.data);
}

/** IoTC's PUT overwrites the device: what the body leaves out goes back to its default (the AES
 * key, which a backup never carries, stays unless the body sets one). */
async function overwriteDevice(caller: Caller, sourceEurid: string, body: unknown) {
  const input = deviceBody(body, sourceEurid);
  const { sourceEurid: eurid, ...fields } = input;
  const device = await caller.devices.update({
    destinationEurid: "ffffffff",
    friendlyId: "",
    location: "",
    tags: [],
    active: true,
    isPTM: false,
    ...fields,
    sourceEurid: eurid,
  });
  return { body: toIotcDevice(device) };
}

const routes: [string, string, Handler][] = [
  ["GET", "/backup", async (c) => ({ body: await c.deviceImport.backup() })],
  ["POST", "/backup", async (c, _p, _q, body) => ({ body: await c.deviceImport.restoreBackup({ backup: body, mode: "replace" }) })],
  ["PATCH", "/backup", async (c, _p, _q, body) => ({ body: await c.deviceImport.restoreBackup({ backup: body, mode: "merge" }) })],

  ["POST", "/device", async (c, _p, _q, body) => ({ body: toIotcDevice(await c.devices.create(deviceBody(body))) })],
  ["GET", "/device/:sourceEurid", async (c, p, q) => ({ body: toIotcDevice(await deviceFor(c, p.sourceEurid!, q)) })],
  ["PUT", "/device/:sourceEurid", async (c, p, _q, body) => overwriteDevice(c, p.sourceEurid!, body)],
  [
    "DELETE",
    "/device/:sourceEurid",
    async (c, p, q) => {
      await deviceFor(c, p.sourceEurid!, q);
      await c.devices.delete({ sourceEurid: p.sourceEurid! });
      return { body: { message: "Device deleted" } };
    },
  ],

  // IoTC 1.2 addresses one device with ?sourceID= on /devices; without it, the list.
  [
    "GET",
    "/devices",
    async (c, _p, q) =>
      q.get("sourceID") ? { body: toIotcDevice(await deviceFor(c, sourceIdOf(q), q)) } : { body: (await allDevices(c)).map(toIotcDevice) },
  ],
  ["POST", "/devices", async (c, _p, _q, body) => ({ body: toIotcDevice(await c.devices.create(deviceBody(body))) })],
  ["PUT", "/devices", async (c, _p, q, body) => overwriteDevice(c, sourceIdOf(q), body)],
  [
    "DELETE",
    "/devices",
    async (c, _p, q) => {
      const device = await deviceFor(c, sourceIdOf(q), q);
      await c.devices.delete({ sourceEurid: device.sourceEurid });
      return { body: { message: "Device deleted" } };
    },
  ],

  [
    "GET",
    "/devices/metadata/statistics/telegrams",
    async (c, _p, q) => {
      const devices = q.get("sourceID") ? [await deviceFor(c, sourceIdOf(q), q)] : await Promise.all((await allDevices(c)).map((d) => c.devices.get({ sourceEurid: d.sourceEurid })));
      return { body: devices.map((d) => ({ device: toIotcDevice(d), stats: toIotcStats(d.stats) })) };
    },
  ],
  [
    "GET",
    "/devices/telemetry/most-recent",
    async (c, _p, q) => {
      const device = await deviceFor(c, sourceIdOf(q), q);
      const telegrams = (await c.devices.telegrams({ sourceEurid: device.sourceEurid, take: 50 })).filter((t) => t.data.length > 0).slice(0, 5);
      if (telegrams.length === 0) return { status: 204, body: null };
      return { body: telegrams.map((t) => ({ egressOutput: egressOutputOf(device, t) })) };
    },
  ],
  [
    "GET",
    "/devices/signals/most-recent",
    async (c, _p, q) => {
      const device = await deviceFor(c, sourceIdOf(q), q);
      const telegrams = (await c.devices.telegrams({ sourceEurid: device.sourceEurid, take: 200 })).filter((t) => t.signal.length > 0);
      if (telegrams.length === 0) return { status: 204, body: null };
      const byKey = new Map<string, { signalKey: string; signalMeaning: string; recentSignals: { egressOutput: string }[] }>();
      for (const t of telegrams) {
        for (const entry of t.signal as { key?: string; meaning?: string }[]) {
          const key = String(entry.key ?? "signal");
          const group = byKey.get(key) ?? { signalKey: key, signalMeaning: String(entry.meaning ?? ""), recentSignals: [] };
          if (group.recentSignals.length < 5) group.recentSignals.push({ egressOutput: egressOutputOf(device, t) });
          byKey.set(key, group);
        }
      }
      return { body: [...byKey.values()] };
    },
  ],

  ["GET", "/gateways", async (c) => ({ body: (await c.gateways.list()).map(toIotcGateway) })],
  [
    "GET",
    "/gateways/metadata/statistics/telegrams",
    async (c) => ({
      body: (await c.gateways.list()).map((g) => {
        const { lastSeen: _lastSeen, ...device } = toIotcGateway(g);
        return { device, stats: toIotcStats(g.stats) };
      }),
    }),
  ],
  [
    "GET",
    "/gateways/metadata/health",
    async (c) => ({
      body: (await c.gateways.list()).map((g) => ({
        gatewayInfo: toIotcGateway(g),
        stats: { timestamp: g.lastHealthAt ?? g.lastSeenAt ?? "" },
        apHealth: g.apHealth.toLowerCase(),
        usbInfo: [{ usbHealth: g.usbHealth.toLowerCase(), usbIdentifier: "" }],
      })),
    }),
  ],
];

function match(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
  const parts = path.split("/").filter(Boolean);
  for (const [m, pattern, handler] of routes) {
    if (m !== method) continue;
    const want = pattern.split("/").filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (want.every((w, i) => (w.startsWith(":") ? ((params[w.slice(1)] = decodeURIComponent(parts[i]!)), true) : w === parts[i]))) return { handler, params };
  }
  return null;
}

const TRPC_STATUS: Partial<Record<TRPCError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

const json = (status: number, body: unknown) =>
  status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** Serves IoTC's API over the same procedures as the portal and /api/v1, with IoTC's paths,
 * field names and error shape ({code, message}). */
export async function handleIotcRequest(req: Request, principal: Principal, path: string): Promise<Response> {
  if (principal.kind === "anonymous") {
    return new Response(JSON.stringify({ code: "UNAUTHORIZED", message: "Authentication credentials were not provided for the request." }), {
      status: 401,
      headers: { "content-type": "application/json", "www-authenticate": 'Basic realm="Tidewire IoTC API", charset="UTF-8"' },
    });
  }
  const found = match(req.method, path);
  if (!found) return json(404, { code: "NOT_FOUND", message: `no IoTC endpoint ${req.method} ${path}` });
  let body: unknown = undefined;
  if (req.method !== "GET" && req.method !== "DELETE") {
    const text = await req.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return json(400, { code: "BAD_REQUEST", message: "the body is not JSON" });
      }
    }
  }
  const caller = createCaller(await contextFor(principal, { requestedSlug: req.headers.get("x-tidewire-tenant") ?? undefined }));
  try {
    const result = await found.handler(caller, found.params, new URL(req.url).searchParams, body);
    return json(result.status ?? 200, result.body);
  } catch (error) {
    if (error instanceof IotcRequestError) return json(error.status, { code: error.code, message: error.message });
    if (error instanceof TRPCError) {
      const status = TRPC_STATUS[error.code] ?? 500;
      if (status === 500) throw error;
      return json(status, { code: error.code, message: status === 404 && /device/i.test(error.message) ? "Device not found" : error.message });
    }
    throw error;
  }
}
