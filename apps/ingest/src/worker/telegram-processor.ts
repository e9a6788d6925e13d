import type { TeachInEvent } from "@tidewire/config";
import { buildOutputMessage, DecoderEngine, isDecodeError, parseEsp3, type DecodeOutcome } from "@tidewire/decoder";
import type { DecodeDevice } from "@tidewire/db";
import type { Logger } from "../logging/logger";
import type { Reception, TelegramBatch } from "../pipeline/queues";
import type { DeviceDirectory } from "./device-directory";
import type { MessageSink, ProcessedMessage } from "./message-sink";

export interface TelegramProcessorOptions {
  /** Creates the decoder for one tenant. Rolling codes and chains are kept per EURID, and two
   * tenants may own devices with the same EURID, so every tenant gets its own engine (and store
   * namespace). */
  createEngine: (tenantId: string) => DecoderEngine;
  directory: DeviceDirectory;
  sink: MessageSink;
  log: Logger;
}

type Verdict = { ok: true } | { ok: false; reason: string };

/** What the attempts at a batch have done for one of its telegrams. */
interface TelegramWork {
  outcome: DecodeOutcome;
  /** counted in the statistics and against the daily limit, with what it produced */
  counted?: { message?: ProcessedMessage; teachIn?: TeachInEvent };
  /** its message is in the targets' queues */
  sent?: boolean;
  /** its message is in the history (and the live view), its teach-in announced */
  stored?: boolean;
}
type Frame = TelegramBatch["frames"][number];

/** Decodes one batch of a tenant's EnOcean frames, judges each telegram as IoTC does, and hands
 * the output messages to the sink (egress, history, live view); counts every telegram in the
 * device and gateway statistics. */
export class TelegramProcessor {
  private readonly engines = new Map<string, DecoderEngine>();

  constructor(private readonly options: TelegramProcessorOptions) {}

  /**
   * `memo` carries what earlier attempts at the same batch did for each telegram (the batch is
   * retried in place after a failure): a secure telegram whose rolling code was accepted then is
   * not judged a replay now; a telegram already counted is not counted again; and a part of the
   * hand-over that succeeded (deliveries, history) is not done again — a history write that
   * failed does not send the messages to the targets a second time.
   */
  async process(batch: TelegramBatch, memo: Map<string, unknown> = new Map()): Promise<void> {
    const { tenantId } = batch;
    const { sink } = this.options;
    const devices = await this.options.directory.forTenant(tenantId);
    const engine = this.engineFor(tenantId);
    const works: { frame: Frame; work: TelegramWork }[] = [];

    for (const frame of batch.frames) {
      let work = memo.get(frame.id) as TelegramWork | undefined;
      if (!work) {
        let outcome: DecodeOutcome;
        try {
          const packet = parseEsp3(Buffer.from(frame.esp3, "hex"));
          // The telegram's id lets the rolling-code store recognise a telegram judged again.
          outcome = await engine.decode(packet, (eurid) => deviceSettings(devices.get(eurid)), { telegramId: frame.id });
        } catch (err) {
          // A bad frame is a normal event; anything else (a state store or the database failing)
          // fails the batch so that it is retried rather than counted as "not processed".
          if (!isDecodeError(err)) throw err;
          outcome = { kind: "error", error: err, telegram: undefined };
        }
        work = { outcome };
        memo.set(frame.id, work);
      }
      works.push({ frame, work });
    }

    const uncounted = works
      .filter(({ work }) => !work.counted)
      .map(({ frame, work }) => {
        const sender = "telegram" in work.outcome && work.outcome.telegram ? work.outcome.telegram.sender : undefined;
        const device = sender ? devices.get(sender) : undefined;
        return { frame, work, sender, device, verdict: judge(work.outcome, device) };
      });
    // The license's daily message limit: this batch's messages are claimed at once.
    const admission = await sink.admit(tenantId, uncounted.filter((e) => producesMessage(e.work.outcome, e.device, e.verdict)).length);
    for (const { frame, work, sender, device, verdict: judged } of uncounted) {
      const { outcome } = work;
      let verdict = judged;
      if (producesMessage(outcome, device, verdict) && !admission.take()) verdict = { ok: false, reason: "LICENSE_MESSAGES" };
      const first = firstReception(frame.receptions);
      const seenAt = new Date(first.at);
      for (const r of frame.receptions) sink.gatewayStats.add(tenantId, r.gatewayId, verdict, new Date(r.at));
      if (device) sink.deviceStats.add(tenantId, device.id, verdict, seenAt);
      work.counted = {};
      if ((outcome.kind === "teachIn" || outcome.kind === "secureTeachIn") && sender) work.counted.teachIn = teachInEvent(outcome, sender, frame);
      if (!verdict.ok || !device || (outcome.kind !== "data" && outcome.kind !== "signal")) continue;

      const best = bestReception(frame.receptions);
      const message = buildOutputMessage(outcome, {
        sensor: { friendlyId: device.friendlyId, location: device.location },
        timestamp: first.at / 1000,
        egressTime: Date.now() / 1000,
        ...(best.rssi !== null ? { rssi: best.rssi } : {}),
        extensions: {
          tidewire: {
            telegramId: frame.id,
            eep: device.eep,
            receptions: frame.receptions.map((r) => ({ gateway: r.gateway, rssi: r.rssi, timestamp: (r.at / 1000).toFixed(3) })),
          },
        },
      }) as unknown as Record<string, unknown>;
      work.counted.message = { device, telegramId: frame.id, seenAt, rssi: best.rssi, message, receptions: frame.receptions };
    }

    const unsent = works.filter(({ work }) => !work.sent).map(({ work }) => work);
    const unstored = works.filter(({ work }) => !work.stored).map(({ work }) => work);
    await sink.handOver(
      tenantId,
      {
        send: unsent.flatMap((w) => (w.counted?.message ? [w.counted.message] : [])),
        store: unstored.flatMap((w) => (w.counted?.message ? [w.counted.message] : [])),
        teachIns: unstored.flatMap((w) => (w.counted?.teachIn ? [w.counted.teachIn] : [])),
      },
      (part) => {
        for (const w of part === "send" ? unsent : unstored) w[part === "send" ? "sent" : "stored"] = true;
      },
    );
  }

  private engineFor(tenantId: string): DecoderEngine {
    let engine = this.engines.get(tenantId);
    if (!engine) {
      engine = this.options.createEngine(tenantId);
      this.engines.set(tenantId, engine);
    }
    return engine;
  }
}

/** IoTC's rule: only onboarded, active, licensed devices are processed; every decode error is
 * "not processed" with its code as the reason. */
function judge(outcome: DecodeOutcome, device: DecodeDevice | undefined): Verdict {
  if (outcome.kind === "error") return { ok: false, reason: outcome.error.code };
  if (outcome.kind === "unsupported") return { ok: false, reason: "UNSUPPORTED" };
  if (!device) return { ok: false, reason: "NOT_ONBOARDED" };
  if (!device.active) return { ok: false, reason: "INACTIVE" };
  if (!device.licensed) return { ok: false, reason: "LICENSE" };
  return { ok: true };
}

/** Data and signal telegrams of a device that may be processed become output messages. */
function producesMessage(outcome: DecodeOutcome, device: DecodeDevice | undefined, verdict: Verdict): boolean {
  return verdict.ok && device !== undefined && (outcome.kind === "data" || outcome.kind === "signal");
}

function teachInEvent(outcome: DecodeOutcome & { kind: "teachIn" | "secureTeachIn" }, sender: string, frame: Frame): TeachInEvent {
  const best = bestReception(frame.receptions);
  return {
    sourceEurid: sender,
    ...(outcome.kind === "teachIn" && outcome.teachIn.eep ? { eep: outcome.teachIn.eep } : {}),
    ...(outcome.kind === "teachIn" && outcome.teachIn.manufacturerId ? { manufacturerId: outcome.teachIn.manufacturerId } : {}),
    teachInType: outcome.kind === "teachIn" ? outcome.teachIn.teachInType : "SEC_TI",
    seenAt: new Date(firstReception(frame.receptions).at).toISOString(),
    rssi: best.rssi,
    gateway: best.gateway,
  };
}

function deviceSettings(device: DecodeDevice | undefined) {
  if (!device) return undefined;
  return {
    eep: device.eep,
    isPTM: device.isPTM,
    ...(device.aesKey ? { aesKey: device.aesKey } : {}),
    ...(device.slf ? { slf: device.slf } : {}),
    ...(device.psk ? { psk: device.psk } : {}),
  };
}

function firstReception(receptions: Reception[]): Reception {
  return receptions.reduce((a, b) => (b.at < a.at ? b : a));
}

/** The strongest reception: the smallest dBm magnitude. */
function bestReception(receptions: Reception[]): Reception {
  return receptions.reduce((a, b) => (b.rssi !== null && (a.rssi === null || b.rssi < a.rssi) ? b : a));
}
