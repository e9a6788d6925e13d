import { channels } from "@tidewire/config";
import { TENANT_COOKIE, TENANT_HEADER, resolveTenantAccess } from "@/server/auth/tenant-access";
import { readCookie } from "@/server/http/cookies";
import { authenticateRequest } from "@/server/http/request-auth";
import { liveHub } from "@/server/live/live-hub";
import { services } from "@/server/services";

export const dynamic = "force-dynamic";

const STREAMS = {
  devices: channels.live,
  "teach-in": channels.teachIn,
  alarms: channels.alarms,
} as const;

/** Server-sent events of the caller's tenant: device messages as they are processed
 * (?stream=devices, the default; &device=<device id> for one device's only), teach-in telegrams
 * for learn mode (?stream=teach-in), or alarms raised and cleared (?stream=alarms). */
export async function GET(req: Request) {
  const auth = await authenticateRequest(req);
  if (!auth.ok) return auth.response;
  const { access, denied } = await resolveTenantAccess(auth.principal, {
    preferredSlug: readCookie(req, TENANT_COOKIE),
    requestedSlug: req.headers.get(TENANT_HEADER) ?? undefined,
  });
  if (auth.principal.kind === "anonymous") return new Response("sign in first", { status: 401 });
  if (!access) return new Response(denied ?? "not a member of any tenant", { status: 403 });
  const stream = (new URL(req.url).searchParams.get("stream") ?? "devices") as keyof typeof STREAMS;
  const channelOf = STREAMS[stream];
  if (!channelOf) return new Response(`unknown stream; one of ${Object.keys(STREAMS).join(", ")}`, { status: 400 });
  const channel = channelOf(services().config.REDIS_PREFIX, access.tenantId);
  // One device's page needs only its own messages; the rest of a busy tenant's stream stays here.
  const device = new URL(req.url).searchParams.get("device");
  const wanted = device && /^[A-Za-z0-9_-]{1,64}$/.test(device) ? `"deviceId":"${device}"` : null;

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(": connected\n\n");
      const unsubscribe = await liveHub().subscribe(channel, (payload) => {
        if (!wanted || payload.includes(wanted)) send(`data: ${payload}\n\n`);
      });
      // Comments keep proxies from closing an idle stream.
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), 15_000);
      cleanup = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      req.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
