import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptSequence, findSmallDevice, lastSequenceOf, releaseSequence, type Db, type SecretBox } from "@tidewire/db";
import { isUplinkError, openSmallDeviceMessage } from "@tidewire/uplinks";
import type { Logger } from "../logging/logger";
import { readBody, sendJson } from "../ingest/http-body";
import type { UplinkIntake } from "./uplink-intake";

/** `POST /small-devices/{tenant slug}/{device id}/uplink` with `{"iv","ct"[,"mac"]}`. */
export const SMALL_DEVICE_PATH = /^\/small-devices\/([a-z0-9][a-z0-9-]{0,62})\/([A-Za-z0-9_.:-]{1,64})\/uplink\/?$/;
const MAX_BODY_BYTES = 16 * 1024;

/** Small devices (ESP8266-class) posting AES-128-CBC encrypted JSON. The answer tells the device
 * what happened: 202 accepted (queued), 409 a replayed or older sequence number, 401 a wrong
 * MAC, 400 anything that does not decrypt or read, 404 an unknown device. Nothing of a refused
 * message is stored. */
export class SmallDeviceEndpoint {
  constructor(private readonly options: { db: Db; box: SecretBox; intake: UplinkIntake; log: Logger }) {}

  async handle(req: IncomingMessage, res: ServerResponse, tenantSlug: string, deviceId: string): Promise<void> {
    const { db, box, intake, log } = this.options;
    if (req.method !== "POST") return sendJson(res, 405, { error: "METHOD", message: 'POST {"iv","ct"}' });
    const text = await readBody(req, MAX_BODY_BYTES);
    if (text === null) return sendJson(res, 413, { error: "TOO_LARGE", message: `bodies are limited to ${MAX_BODY_BYTES} bytes` });
    const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true } });
    const device = tenant ? await findSmallDevice(db, box, tenant.id, deviceId) : null;
    if (!tenant || !device) return sendJson(res, 404, { error: "UNKNOWN_DEVICE", message: "no such small device" });
    if (!device.aesKey) return sendJson(res, 409, { error: "NO_KEY", message: "the device has no AES key yet" });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: "BAD_JSON", message: "the body is not JSON" });
    }
    let reading;
    try {
      reading = openSmallDeviceMessage(body, { aesKey: device.aesKey, hmacKey: device.hmacKey });
    } catch (error) {
      if (!isUplinkError(error)) throw error;
      return sendJson(res, error.code === "BAD_MAC" ? 401 : 400, { error: error.code, message: error.message });
    }
    const previous = await lastSequenceOf(db, tenant.id, device.id);
    if (!(await acceptSequence(db, tenant.id, device.id, reading.sequence))) {
      return sendJson(res, 409, {
        error: "REPLAYED",
        message: `sequence number ${reading.sequence} is not larger than the last accepted one`,
        lastSequence: await lastSequenceOf(db, tenant.id, device.id),
      });
    }
    try {
      await intake.enqueueSmallDevice({
        tenantId: tenant.id,
        id: `${device.sourceEurid}:${reading.sequence}:${randomUUID().slice(0, 8)}`,
        deviceId: device.id,
        sensorId: device.sourceEurid,
        receivedAt: Date.now(),
        sequence: reading.sequence,
        data: reading.data,
        authenticated: Boolean(device.hmacKey),
        base64Wrapped: reading.base64Wrapped,
        from: req.socket.remoteAddress ?? "unknown",
      });
    } catch (err) {
      await releaseSequence(db, tenant.id, device.id, reading.sequence, previous).catch(() => undefined);
      log.warn({ err, tenantId: tenant.id }, "small-device message could not be queued");
      return sendJson(res, 503, { error: "UNAVAILABLE", message: "the message could not be queued; send it again" });
    }
    sendJson(res, 202, { status: "queued", sequence: reading.sequence });
  }
}
