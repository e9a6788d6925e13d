import type { UplinkDevice } from "@tidewire/db";
import {
  bestRssi,
  buildUplinkMessage,
  isPayloadDecoderName,
  isUplinkError,
  objectEntries,
  uplinkValues,
  type UplinkReception,
} from "@tidewire/uplinks";
import type { TelemetryEntry } from "@tidewire/decoder";
import type { Logger } from "../logging/logger";
import type { DeviceDirectory } from "../worker/device-directory";
import type { MessageSink } from "../worker/message-sink";
import type { LorawanJob, SmallDeviceJob, UplinkJob } from "./uplink-queue";

type Verdict = { ok: true } | { ok: false; reason: string };

interface Prepared {
  device: UplinkDevice;
  messageId: string;
  receivedAt: number;
  data: TelemetryEntry[];
  payloadHex: string;
  receptions: UplinkReception[];
  security: TelemetryEntry[];
  details: Record<string, unknown>;
}

/** Turns a LoRaWAN or small-device uplink into an output message of the same format as an
 * EnOcean telegram's and hands it to the shared sink (daily limit, egress, history, live view),
 * counting it in the device's statistics as IoTC counts telegrams. */
export class UplinkProcessor {
  constructor(private readonly options: { directory: DeviceDirectory<UplinkDevice>; sink: MessageSink; log: Logger }) {}

  async process(job: UplinkJob): Promise<void> {
    const { sink, log } = this.options;
    const devices = await this.options.directory.forTenant(job.tenantId);
    const sensorId = job.kind === "LORAWAN" ? job.uplink.devEui : job.sensorId;
    const device = devices.get(sensorId);
    if (!device || device.kind !== job.kind) {
      log.debug({ tenantId: job.tenantId, sensorId, kind: job.kind }, "uplink of a device that is not onboarded");
      return;
    }
    const seenAt = new Date(job.kind === "LORAWAN" ? job.uplink.receivedAt : job.receivedAt);
    let verdict: Verdict = !device.active ? { ok: false, reason: "INACTIVE" } : !device.licensed ? { ok: false, reason: "LICENSE" } : { ok: true };
    let prepared: Prepared | undefined;
    if (verdict.ok) {
      try {
        prepared = job.kind === "LORAWAN" ? lorawan(job, device) : smallDevice(job, device);
        if (!prepared) verdict = { ok: false, reason: "NO_PAYLOAD" };
      } catch (error) {
        if (!isUplinkError(error)) throw error;
        verdict = { ok: false, reason: error.code };
      }
    }
    if (verdict.ok && !(await sink.admit(job.tenantId, 1)).take()) verdict = { ok: false, reason: "LICENSE_MESSAGES" };
    sink.deviceStats.add(job.tenantId, device.id, verdict, seenAt);
    if (!verdict.ok || !prepared) return;

    const message = buildUplinkMessage({
      kind: device.kind,
      sensorId: device.sourceEurid,
      friendlyId: device.friendlyId,
      location: device.location,
      messageId: prepared.messageId,
      receivedAt: prepared.receivedAt,
      data: prepared.data,
      payloadHex: prepared.payloadHex,
      receptions: prepared.receptions,
      security: prepared.security,
      details: prepared.details,
    });
    await sink.emit(job.tenantId, [
      {
        device,
        telegramId: prepared.messageId,
        seenAt,
        rssi: bestRssi(prepared.receptions),
        message,
        // stored like EnOcean receptions: RSSI as a positive dBm magnitude
        receptions: prepared.receptions.map((r) => ({ ...r, rssi: r.rssi === null ? null : Math.abs(r.rssi) })),
      },
    ]);
  }
}

function lorawan(job: LorawanJob, device: UplinkDevice): Prepared | undefined {
  const { uplink } = job;
  // f_port 0 carries MAC commands only: nothing for the application.
  if (uplink.fPort === 0 && !uplink.decodedPayload) return undefined;
  const decoder = device.payloadDecoder && isPayloadDecoderName(device.payloadDecoder) ? device.payloadDecoder : "tts";
  return {
    device,
    messageId: job.id,
    receivedAt: uplink.receivedAt,
    data: uplinkValues(uplink, decoder),
    payloadHex: uplink.payloadHex,
    receptions: uplink.receptions,
    security: [],
    details: {
      lorawan: {
        fPort: uplink.fPort,
        fCnt: uplink.fCnt,
        deviceId: uplink.deviceId,
        applicationId: uplink.applicationId,
        via: job.via,
        ...(uplink.decodedPayload ? {} : { decoder }),
        ...(uplink.simulated ? { simulated: true } : {}),
      },
    },
  };
}

function smallDevice(job: SmallDeviceJob, device: UplinkDevice): Prepared {
  return {
    device,
    messageId: job.id,
    receivedAt: job.receivedAt,
    data: objectEntries(job.data),
    payloadHex: "",
    // The device posts over HTTP itself: its "gateway" is the address it posted from.
    receptions: [{ gateway: job.from, rssi: null, snr: null, at: job.receivedAt }],
    security: [
      { key: "decrypted", value: "True", meaning: "Decrypted (AES-128-CBC)" },
      { key: "authenticated", value: job.authenticated ? "True" : "False", meaning: job.authenticated ? "HMAC-SHA256 verified" : "No MAC" },
      { key: "sequence", value: job.sequence, meaning: "Sequence number (SEQN)" },
    ],
    details: { smallDevice: { sequence: job.sequence, ...(job.base64Wrapped ? { base64Wrapped: true } : {}) } },
  };
}
