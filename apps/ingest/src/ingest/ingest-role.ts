import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Db, SecretBox } from "@tidewire/db";
import type { Registry } from "prom-client";
import type { Logger } from "../logging/logger";
import { IngestMetrics } from "../metrics/ingest-metrics";
import { telegramQueueName } from "../pipeline/queues";
import { ArubaAccessTokens } from "./aruba/access-tokens";
import { ARUBA_AUTH_PATH, ArubaAuthHandler } from "./aruba/aruba-auth-handler";
import { ARUBA_PATH, ArubaEndpoint } from "./aruba/aruba-endpoint";
import { LoginRateLimiter } from "./auth/login-rate-limiter";
import { DuplicateClaims } from "./dedup/duplicate-claims";
import { ReceptionHabits } from "./dedup/reception-habits";
import { FrameBatcher } from "./frame-batcher";
import { FrameIntake } from "./frame-intake";
import { GatewayCounters } from "./gateway-counters";
import { GatewayRegistry } from "./gateway-registry";
import { GenericGatewayAuthenticator } from "./generic-gateway-auth";
import { GENERIC_GATEWAY_PATH, GenericGatewayEndpoint } from "./generic-gateway-endpoint";
import { Heartbeat } from "./heartbeat";
import { refuseUpgrade } from "./refuse-upgrade";
import type { IngestTls } from "./tls-files";
import { SMALL_DEVICE_PATH, SmallDeviceEndpoint } from "../uplinks/small-device-endpoint";
import { TtsMqttSubscriptions } from "../uplinks/tts-mqtt-subscriptions";
import { TTS_WEBHOOK_PATH, TtsWebhookEndpoint } from "../uplinks/tts-webhook-endpoint";
import { UplinkIntake } from "../uplinks/uplink-intake";

export interface IngestRoleOptions {
  db: Db;
  redis: Redis;
  prefix: string;
  port: number;
  host: string;
  batchMs: number;
  batchMax: number;
  partitions: number;
  log: Logger;
  /** serve https/wss (and ask generic gateways for client certificates when `ca` is given) */
  tls?: IngestTls;
  maxMessageBytes?: number;
  heartbeatSeconds?: number;
  dedupWindowMs?: number;
  gatherMs?: number;
  /** end a telegram's gathering once it has the receptions its sender's telegrams usually have
   * (default true) */
  earlyRelease?: boolean;
  aruba?: { tokenTtlSeconds?: number; websocketUrl?: string };
  /** gateway login limits (Aruba logins per source and minute; failed logins per 15 minutes) */
  auth?: { attemptsPerMinute?: number; failuresPer15Min?: number };
  /** how often ingest's gateway counters are written (ms) */
  statsFlushMs?: number;
  /** how often connected gateways' licensed flags are re-read (ms) */
  licenseRefreshMs?: number;
  /** the platform's public key that license keys are verified with (LICENSE_PUBLIC_KEY); without
   * it every tenant gets the trial's gateway limit */
  licensePublicKey?: string;
  /** backpressure thresholds (tests) */
  maxInFlightJobs?: number;
  maxHeldFrames?: number;
  maxClaimsInFlight?: number;
  /** opens device keys and TTS API keys: without it the small-device endpoint and the TTS MQTT
   * subscriptions are off (the TTS webhook still works) */
  box?: SecretBox;
  /** The Things Stack MQTT integrations: settings refresh and lease (ms); private brokers allowed */
  ttsMqtt?: { refreshMs?: number; leaseMs?: number; allowPrivate?: boolean; enabled?: boolean };
  /** how long a LoRaWAN uplink's identity is remembered for duplicate removal (s) */
  uplinkDedupSeconds?: number;
  /** Prometheus registry for the ingest metrics (docs/metrics.md) */
  registry?: Registry;
}

/** The front door: gateway websockets (generic protocol v1 and the Aruba IoT transport) and the
 * Aruba authentication URL; telegram batches onto the queue. */
export class IngestRole {
  private server?: Server;
  private queues: Queue[] = [];
  private generic?: GenericGatewayEndpoint;
  private aruba?: ArubaEndpoint;
  private heartbeat?: Heartbeat;
  private registryInstance?: GatewayRegistry;
  private countersInstance?: GatewayCounters;
  private intakeInstance?: FrameIntake;
  private batcherInstance?: FrameBatcher;
  private uplinkIntake?: UplinkIntake;
  private ttsMqttInstance?: TtsMqttSubscriptions;

  constructor(private readonly options: IngestRoleOptions) {}

  async start(): Promise<number> {
    const { db, redis, prefix, log } = this.options;
    const maxMessageBytes = this.options.maxMessageBytes ?? 64 * 1024;
    const heartbeatSeconds = this.options.heartbeatSeconds ?? 30;
    for (let p = 0; p < this.options.partitions; p++) {
      this.queues.push(new Queue(telegramQueueName(p), { connection: redis, prefix }));
    }
    const claims = new DuplicateClaims(redis, prefix, this.options.dedupWindowMs ?? 300);
    const metrics = new IngestMetrics(this.options.registry, {
      connections: () => ({ generic: this.generic?.connections ?? 0, aruba: this.aruba?.connections ?? 0 }),
      connectedGateways: () => this.registryInstance?.connectedGateways ?? 0,
      heldFrames: () => this.batcherInstance?.heldFrames ?? 0,
      framesInClaim: () => this.intakeInstance?.framesInClaim ?? 0,
      congested: () => this.intakeInstance?.congested ?? false,
      queues: () => this.queues,
    });
    const habits = this.options.earlyRelease === false ? undefined : new ReceptionHabits();
    const batcher = new FrameBatcher(this.queues, {
      maxFrames: this.options.batchMax,
      maxDelayMs: this.options.batchMs,
      claims,
      ...(habits ? { habits } : {}),
      holdTime: metrics.holdTime,
      log,
      ...(this.options.maxInFlightJobs !== undefined ? { maxInFlightJobs: this.options.maxInFlightJobs } : {}),
      ...(this.options.maxHeldFrames !== undefined ? { maxHeldFrames: this.options.maxHeldFrames } : {}),
    });
    const counters = new GatewayCounters({ db, log, metrics, ...(this.options.statsFlushMs ? { flushMs: this.options.statsFlushMs } : {}) });
    counters.start();
    const registry = new GatewayRegistry({
      db,
      log,
      licensePublicKey: this.options.licensePublicKey,
      ...(this.options.licenseRefreshMs ? { licenseRefreshMs: this.options.licenseRefreshMs } : {}),
    });
    registry.start();
    const intake = new FrameIntake({
      batcher,
      claims,
      counters,
      partitions: this.options.partitions,
      gatherMs: this.options.gatherMs ?? 40,
      ...(habits ? { habits } : {}),
      log,
      metrics,
      ...(this.options.maxClaimsInFlight !== undefined ? { maxClaimsInFlight: this.options.maxClaimsInFlight } : {}),
    });
    const heartbeat = new Heartbeat(heartbeatSeconds * 1000);
    const aruba = this.options.aruba ?? {};
    const limiter = new LoginRateLimiter(redis, prefix, {
      attemptsPerMinute: this.options.auth?.attemptsPerMinute ?? 300,
      failuresPer15Min: this.options.auth?.failuresPer15Min ?? 10,
    });
    const tokens = new ArubaAccessTokens({ redis, prefix, db, ttlSeconds: aruba.tokenTtlSeconds ?? 3600 });
    const authHandler = new ArubaAuthHandler({ db, tokens, limiter, log, ...(aruba.websocketUrl ? { websocketUrl: aruba.websocketUrl } : {}) });
    const authenticator = new GenericGatewayAuthenticator({ db, registry, limiter, log });
    this.generic = new GenericGatewayEndpoint({
      intake,
      registry,
      heartbeat,
      heartbeatSeconds,
      log,
      maxMessageBytes,
      authenticate: (req) => authenticator.authenticate(req),
    });
    this.aruba = new ArubaEndpoint({ intake, registry, tokens, heartbeat, maxMessageBytes, log });
    this.heartbeat = heartbeat;
    this.registryInstance = registry;
    this.countersInstance = counters;
    this.intakeInstance = intake;
    this.batcherInstance = batcher;

    // Uplinks from other radios: The Things Stack (webhook, MQTT) and small devices.
    const uplinkIntake = new UplinkIntake({ db, redis, prefix, ...(this.options.uplinkDedupSeconds ? { dedupWindowSeconds: this.options.uplinkDedupSeconds } : {}) });
    this.uplinkIntake = uplinkIntake;
    const ttsWebhook = new TtsWebhookEndpoint({ db, intake: uplinkIntake, log });
    const box = this.options.box;
    const smallDevices = box ? new SmallDeviceEndpoint({ db, box, intake: uplinkIntake, log }) : undefined;
    if (box && this.options.ttsMqtt?.enabled !== false) {
      const tts = this.options.ttsMqtt ?? {};
      this.ttsMqttInstance = new TtsMqttSubscriptions({
        db,
        box,
        redis,
        prefix,
        intake: uplinkIntake,
        log,
        allowPrivate: tts.allowPrivate ?? false,
        ...(tts.refreshMs ? { refreshMs: tts.refreshMs } : {}),
        ...(tts.leaseMs ? { leaseMs: tts.leaseMs } : {}),
      });
      this.ttsMqttInstance.start();
    }

    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      if (path === "/healthz") return res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      if (path === ARUBA_AUTH_PATH) return authHandler.handle(req, res);
      const webhook = TTS_WEBHOOK_PATH.exec(path);
      if (webhook) return void ttsWebhook.handle(req, res, webhook[1]!).catch((err: unknown) => failed(res, err));
      const small = smallDevices ? SMALL_DEVICE_PATH.exec(path) : null;
      if (small) return void smallDevices!.handle(req, res, small[1]!, small[2]!).catch((err: unknown) => failed(res, err));
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    };
    const failed = (res: ServerResponse, err: unknown) => {
      log.error({ err }, "uplink request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end('{"error":"INTERNAL"}');
    };
    const tls = this.options.tls;
    this.server = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: false } : {}) }, onRequest)
      : createServer(onRequest);
    this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on("error", () => {});
      const path = (req.url ?? "").split("?")[0]!.replace(/\/+$/, "");
      if (path === GENERIC_GATEWAY_PATH) return this.generic!.handleUpgrade(req, socket, head);
      if (path === ARUBA_PATH || path.startsWith(`${ARUBA_PATH}/`)) return this.aruba!.handleUpgrade(req, socket, head);
      refuseUpgrade(socket, 404, `no gateway endpoint at ${path}; use ${GENERIC_GATEWAY_PATH} or ${ARUBA_PATH}`);
    });
    // Thousands of gateways keep their connections for days; Node's default header and request
    // timeouts only concern the upgrade request itself.
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen({ port: this.options.port, host: this.options.host, backlog: 4096 }, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  /** Gateway websockets currently open. */
  get connections(): number {
    return (this.generic?.connections ?? 0) + (this.aruba?.connections ?? 0);
  }

  /** Gateway websockets ingest has stopped reading (backpressure). */
  get pausedConnections(): number {
    return (this.generic?.pausedConnections ?? 0) + (this.aruba?.pausedConnections ?? 0);
  }

  get counters(): GatewayCounters {
    return this.countersInstance!;
  }

  /** Writes ingest's gateway counters now (malformed input, license drops, late duplicates). */
  flushStats(): Promise<void> {
    return this.countersInstance?.flush() ?? Promise.resolve();
  }

  get intake(): FrameIntake {
    return this.intakeInstance!;
  }

  get batcher(): FrameBatcher {
    return this.batcherInstance!;
  }

  /** The Things Stack MQTT subscriptions this process runs (undefined without a SecretBox). */
  get ttsMqtt(): TtsMqttSubscriptions | undefined {
    return this.ttsMqttInstance;
  }

  get registry(): GatewayRegistry {
    return this.registryInstance!;
  }

  async stop(): Promise<void> {
    this.generic?.close();
    this.aruba?.close();
    this.heartbeat?.stop();
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    // Gateways get a moment to answer the close handshake; then their sockets are cut.
    const grace = setTimeout(() => {
      this.generic?.terminate();
      this.aruba?.terminate();
      this.server?.closeAllConnections();
    }, 1000);
    await closed;
    clearTimeout(grace);
    await this.registryInstance?.stop();
    await this.intakeInstance?.drain();
    await this.countersInstance?.stop();
    await this.ttsMqttInstance?.stop();
    await this.uplinkIntake?.close();
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
