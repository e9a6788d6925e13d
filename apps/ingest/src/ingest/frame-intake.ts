import { randomUUID } from "node:crypto";
import { encodeEsp3, telegramFingerprint, type Esp3Packet } from "@tidewire/decoder";
import type { Logger } from "../logging/logger";
import type { IngestMetrics } from "../metrics/ingest-metrics";
import { partitionOf } from "../pipeline/partitions";
import type { Reception } from "../pipeline/queues";
import type { ClaimRequest, DuplicateClaims } from "./dedup/duplicate-claims";
import { isComplete, LocalTelegrams, type LocalTelegram } from "./dedup/local-telegrams";
import type { ReceptionHabits } from "./dedup/reception-habits";
import { senderKey } from "./dedup/sender-key";
import type { FrameBatcher } from "./frame-batcher";
import type { GatewayCounters } from "./gateway-counters";
import type { GatewaySession } from "./gateway-session";
import { receptionRssi } from "./reception-rssi";

/** Claims are collected this long (ms) into one Redis round trip (never as long as the gathering). */
const CLAIM_COALESCE_MS = 2;

interface PendingClaim extends ClaimRequest {
  partition: number;
  esp3: string;
  session: GatewaySession;
  /** this process's view of the telegram; set for a first reception here, not for a copy
   * joining another process's telegram */
  local: LocalTelegram<GatewaySession> | undefined;
}

export interface FrameIntakeOptions {
  batcher: FrameBatcher;
  claims: DuplicateClaims;
  counters: GatewayCounters;
  partitions: number;
  /** how long a telegram waits for the other gateways' receptions (ms) */
  gatherMs: number;
  /** with it, a telegram that has as many receptions as its sender's telegrams usually have
   * stops gathering at once (the batcher learns the habits) */
  habits?: ReceptionHabits;
  /** more duplicate claims than this on their way to Redis: congested */
  maxClaimsInFlight?: number;
  log: Logger;
  metrics?: IngestMetrics;
}

/**
 * Where every endpoint hands over the ESP3 packets a gateway sent: drops the frames of gateways
 * over the license (counted), claims each radio telegram in Redis so that only its first
 * reception goes on (docs/duplicates.md), and passes the winners to the batcher, which holds
 * them while the other receptions gather. Claims of one event-loop turn share one Redis round
 * trip; copies of a telegram this process already heard join it here without one.
 */
export class FrameIntake {
  private pending: PendingClaim[] = [];
  private readonly local: LocalTelegrams<GatewaySession>;
  private scheduled = false;
  private claimsInFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: FrameIntakeOptions) {
    this.local = new LocalTelegrams(options.claims.windowMs);
  }

  /** `at`: when the packets reached ingest (defaults to now). */
  accept(session: GatewaySession, packets: readonly Esp3Packet[], at = Date.now()): void {
    if (packets.length === 0) return;
    const { counters, batcher, partitions, metrics } = this.options;
    metrics?.received.inc(packets.length);
    counters.heardFrom(session);
    if (!session.licensed) {
      counters.notProcessed(session, "LICENSE", packets.length);
      return;
    }
    for (const packet of packets) {
      const reception: Reception = { gatewayId: session.gatewayId, gateway: session.gateway, rssi: receptionRssi(packet), at };
      const fingerprint = telegramFingerprint(packet);
      if (fingerprint === undefined) {
        // Not a radio telegram (a stick's response or event): nothing to de-duplicate.
        const esp3 = Buffer.from(encodeEsp3(packet)).toString("hex");
        batcher.add(session.tenantId, partitionOf(session.tenantId, packet, partitions), { id: randomUUID(), esp3, receptions: [reception] });
        metrics?.accepted.inc();
        continue;
      }
      const known = this.local.find(session.tenantId, fingerprint, at);
      if (known && (known.state === "claiming" || known.state === "ours")) {
        known.extra.push({ reception, from: session });
        metrics?.duplicates.inc({ kind: "joined" });
        if (isComplete(known)) known.complete?.();
        continue;
      }
      if (known?.state === "released") {
        this.lateDuplicate(session);
        if (known.habit) this.options.habits?.lateCopy(known.habit);
        continue;
      }
      this.pending.push({
        tenantId: session.tenantId,
        fingerprint,
        candidateId: `${fingerprint}-${at.toString(36)}`,
        reception,
        // Only a reception that may become the telegram needs its bytes (copies joining it do not).
        partition: partitionOf(session.tenantId, packet, partitions),
        esp3: Buffer.from(encodeEsp3(packet)).toString("hex"),
        session,
        // A copy of another process's telegram goes to Redis to join it there.
        local: known ? undefined : this.startLocal(session.tenantId, fingerprint, packet, at),
      });
    }
    if (!this.scheduled && this.pending.length > 0) {
      this.scheduled = true;
      this.scheduleClaims();
    }
  }

  /** A telegram first heard here, with what its sender's habits say of its copies. */
  private startLocal(tenantId: string, fingerprint: string, packet: Esp3Packet, at: number): LocalTelegram<GatewaySession> {
    const local = this.local.start(tenantId, fingerprint, at);
    const habits = this.options.habits;
    if (habits) {
      local.habit = senderKey(tenantId, packet);
      if (local.habit) local.expected = habits.expected(local.habit);
    }
    return local;
  }

  /** Claims wait a moment to share one Redis round trip: a telegram waits for its gathering
   * (DEDUP_GATHER_MS, measured from its arrival) anyway, and copies arriving meanwhile join it
   * here without a claim of their own. */
  private scheduleClaims(): void {
    if (CLAIM_COALESCE_MS < this.options.gatherMs) setTimeout(() => this.claimPending(), CLAIM_COALESCE_MS);
    else setImmediate(() => this.claimPending());
  }

  /** The gateway sent something (a hello, a health report): it is alive. */
  heardFrom(session: GatewaySession): void {
    this.options.counters.heardFrom(session);
  }

  /** A message or part of one that was not a usable frame, counted for the gateway. */
  malformed(session: GatewaySession, reason: string, count = 1): void {
    this.options.counters.notProcessed(session, reason, count);
  }

  private lateDuplicate(session: GatewaySession, count = 1): void {
    this.options.counters.notProcessed(session, "LATE_DUPLICATE", count);
    this.options.metrics?.duplicates.inc({ kind: "late" }, count);
  }

  /** Frames accepted but not yet through the duplicate check (the batcher holds the rest). */
  get framesInClaim(): number {
    return this.pending.length + this.claimsInFlight;
  }

  private get claimsCongested(): boolean {
    return this.pending.length + this.claimsInFlight >= (this.options.maxClaimsInFlight ?? 10_000);
  }

  get congested(): boolean {
    return this.claimsCongested || this.options.batcher.congested;
  }

  async whenClear(): Promise<void> {
    while (this.congested) {
      if (this.claimsCongested) await new Promise<void>((resolve) => this.waiters.push(resolve));
      else await this.options.batcher.whenClear();
    }
  }

  private claimPending(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.claimsInFlight += batch.length;
    const { claims, batcher, gatherMs, log, metrics } = this.options;
    // Pipelines go out at once; chaining their handling keeps the batcher's input in arrival order.
    const replies = claims.claim(batch);
    replies.catch(() => undefined); // handled in order below; this only marks it as observed
    this.tail = this.tail
      .then(() => replies)
      .then(
        (outcomes) => {
          outcomes.forEach((outcome, i) => {
            const c = batch[i]!;
            if (outcome.kind === "first") {
              if (c.local) c.local.state = "ours";
              batcher.add(
                c.tenantId,
                c.partition,
                { id: outcome.id, esp3: c.esp3, receptions: [c.reception] },
                { releaseAt: c.reception.at + gatherMs, fingerprint: c.fingerprint, ...(c.local ? { local: c.local } : {}) },
              );
              metrics?.accepted.inc();
            } else if (outcome.kind === "late") {
              if (c.local) c.local.state = "released";
              this.lateDuplicate(c.session);
              for (const copy of c.local?.extra.splice(0) ?? []) this.lateDuplicate(copy.from);
            } else {
              metrics?.duplicates.inc({ kind: "joined" });
              // Another process holds the telegram: the copies heard here meanwhile join it there.
              if (c.local) this.claimCopiesElsewhere(c, c.local);
            }
            // A duplicate that is still gathering joins the telegram; the worker counts it.
          });
        },
        (err: unknown) => {
          // The claim scripts failed (not a lost connection: those calls wait). Passing the frames
          // on unfiltered beats dropping accepted frames.
          log.error({ err, frames: batch.length }, "duplicate check failed; passing frames on without it");
          for (const c of batch) {
            const extra = c.local?.extra.splice(0).map((copy) => copy.reception) ?? [];
            if (c.local) this.local.forget(c.local);
            batcher.add(c.tenantId, c.partition, { id: c.candidateId, esp3: c.esp3, receptions: [c.reception, ...extra] });
          }
          metrics?.accepted.inc(batch.length);
        },
      )
      .finally(() => {
        this.claimsInFlight -= batch.length;
        if (!this.claimsCongested) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  private claimCopiesElsewhere(first: PendingClaim, local: LocalTelegram<GatewaySession>): void {
    local.state = "theirs";
    for (const copy of local.extra.splice(0)) {
      this.pending.push({ ...first, reception: copy.reception, session: copy.from, local: undefined });
    }
    if (!this.scheduled && this.pending.length > 0) {
      this.scheduled = true;
      this.scheduleClaims();
    }
  }

  /** Waits for outstanding claims, then enqueues everything held (shutdown). */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.claimPending();
    await this.tail;
    await this.options.batcher.drain();
  }
}
