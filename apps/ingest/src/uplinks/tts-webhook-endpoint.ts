import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyTtsWebhook, type Db } from "@tidewire/db";
import { isUplinkError, parseTtsUplink } from "@tidewire/uplinks";
import type { Logger } from "../logging/logger";
import { readBody, sendJson } from "../ingest/http-body";
import type { UplinkIntake } from "./uplink-intake";

/** `POST /tts/v3/{tenant slug}/uplink` (or the base URL itself): The Things Stack's webhook
 * integration, JSON format, with the tenant's secret in `Authorization: Bearer <secret>` (or
 * `X-Tidewire-Secret`). */
export const TTS_WEBHOOK_PATH = /^\/tts\/v3\/([a-z0-9][a-z0-9-]{0,62})(?:\/uplink)?\/?$/;
const MAX_BODY_BYTES = 64 * 1024;

export class TtsWebhookEndpoint {
  constructor(private readonly options: { db: Db; intake: UplinkIntake; log: Logger }) {}

  async handle(req: IncomingMessage, res: ServerResponse, tenantSlug: string): Promise<void> {
    const { db, intake, log } = this.options;
    if (req.method !== "POST") return sendJson(res, 405, { error: "METHOD", message: "POST the uplink JSON" });
    const secret = secretOf(req);
    const tenant = secret ? await verifyTtsWebhook(db, tenantSlug, secret) : null;
    if (!tenant) {
      req.resume();
      return sendJson(res, 401, { error: "UNAUTHORIZED", message: "unknown tenant or wrong webhook secret" });
    }
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === null) return sendJson(res, 413, { error: "TOO_LARGE", message: `bodies are limited to ${MAX_BODY_BYTES} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: "BAD_JSON", message: "the body is not JSON" });
    }
    let uplink;
    try {
      uplink = parseTtsUplink(body);
    } catch (error) {
      if (!isUplinkError(error)) throw error;
      // Joins and downlink events sent to this URL are fine: acknowledged, not stored.
      if (error.code === "NOT_AN_UPLINK") return sendJson(res, 202, { status: "ignored", message: error.message });
      return sendJson(res, 400, { error: error.code, message: error.message });
    }
    try {
      const outcome = await intake.enqueueLorawan(tenant.tenantId, uplink, "webhook");
      sendJson(res, 202, { status: outcome });
    } catch (err) {
      log.warn({ err, tenantId: tenant.tenantId }, "TTS webhook uplink could not be queued");
      sendJson(res, 503, { error: "UNAVAILABLE", message: "the uplink could not be queued; retry" });
    }
  }
}

function secretOf(req: IncomingMessage): string | null {
  const header = req.headers["x-tidewire-secret"];
  if (typeof header === "string" && header) return header.trim();
  const auth = req.headers.authorization;
  const match = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return match ? match[1]!.trim() : null;
}
