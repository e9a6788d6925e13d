import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { decodeTelemetry, encodeTokenExpired, type ArubaTelemetry } from "@tidewire/aruba";
import { Esp3Framer } from "@tidewire/decoder";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Logger } from "../../logging/logger";
import { pauseWhileCongested, type Congestion } from "../backpressure";
import type { FrameIntake } from "../frame-intake";
import type { GatewayRegistry } from "../gateway-registry";
import type { GatewaySession } from "../gateway-session";
import type { Heartbeat } from "../heartbeat";
import type { ArubaAccessTokens, ArubaGrant } from "./access-tokens";
import { healthReport } from "./health-report";

export const ARUBA_PATH = "/aruba";

/** Websocket close codes used on /aruba (docs/aruba.md). */
export const ArubaClose = {
  /** invalid, expired or missing token; a first message that is not a Telemetry */
  POLICY: 1008,
  /** message larger than INGEST_MAX_MESSAGE_BYTES (sent by the ws library) */
  TOO_BIG: 1009,
  GOING_AWAY: 1001,
} as const;

// Messages waiting for their turn on one connection before it stops being read.
const MAX_QUEUED_MESSAGES = 256;

export interface ArubaEndpointOptions {
  intake: FrameIntake;
  registry: GatewayRegistry;
  tokens: ArubaAccessTokens;
  heartbeat: Heartbeat;
  maxMessageBytes: number;
  log: Logger;
}

/** One access point seen on a connection. */
interface AccessPoint {
  mac: string;
  session: GatewaySession | undefined;
  /** set while the access point is refused (allow-list): its messages are dropped */
  refused: boolean;
  /** one ESP3 stream parser per USB device: frames split across messages are reassembled */
  framers: Map<string, Esp3Framer>;
  details: string;
}

/** One websocket from an Instant AP, or from a controller carrying many access points. */
interface Connection {
  ws: WebSocket;
  remote: string;
  grant: ArubaGrant | undefined;
  accessPoints: Map<string, AccessPoint>;
  /** the access point of the last valid message: undecodable messages are counted against it */
  last: AccessPoint | undefined;
  queue: Promise<void>;
  queued: number;
  drained: (() => void)[];
  /** closed by ingest (1008): what is still queued is dropped */
  refused: boolean;
}

/**
 * The Aruba IoT transport websocket (AOS 8.7 / 8.8+ telemetry-websocket, serial-data): binary
 * protobuf Telemetry messages, the access token checked in every one of them, access points
 * registered by their first message (a "hello" is enough), health messages recorded, and the
 * USB serial payloads fed to one ESP3 parser per access point and USB device.
 */
export class ArubaEndpoint {
  private readonly wss: WebSocketServer;

  constructor(private readonly options: ArubaEndpointOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  }

  get connections(): number {
    return this.wss.clients.size;
  }

  get pausedConnections(): number {
    let paused = 0;
    for (const client of this.wss.clients) if (client.isPaused) paused++;
    return paused;
  }

  /** The token travels inside each message, so the upgrade itself needs no credentials. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, req.socket.remoteAddress ?? "unknown"));
  }

  private serve(ws: WebSocket, remote: string): void {
    const { log } = this.options;
    const connection: Connection = { ws, remote, grant: undefined, accessPoints: new Map(), last: undefined, queue: Promise.resolve(), queued: 0, drained: [], refused: false };
    this.options.heartbeat.watch(ws);
    log.info({ remote }, "Connected client on WS handler");
    const congestion: Congestion = {
      get congested() {
        return connection.queued >= MAX_QUEUED_MESSAGES;
      },
      whenClear: () => (connection.queued < MAX_QUEUED_MESSAGES ? Promise.resolve() : new Promise((resolve) => connection.drained.push(resolve))),
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      // The reception time is when the message arrived, not when its turn in the queue came.
      const receivedAt = Date.now();
      connection.queued += 1;
      // One message at a time per connection: token checks and registrations are asynchronous, and
      // a device's frames must stay in order.
      connection.queue = connection.queue
        .then(() => this.handle(connection, buffer, isBinary, receivedAt))
        .catch((err: unknown) => log.error({ err, remote }, "could not handle an Aruba message"))
        .finally(() => {
          connection.queued -= 1;
          if (connection.queued < MAX_QUEUED_MESSAGES) for (const wake of connection.drained.splice(0)) wake();
        });
      pauseWhileCongested(ws, congestion);
      pauseWhileCongested(ws, this.options.intake);
    });
    ws.on("error", (err: Error & { code?: string }) => {
      if (err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" && connection.last?.session) {
        this.options.intake.malformed(connection.last.session, "MESSAGE_TOO_LARGE");
      }
      log.info({ remote, err: err.message }, "Aruba connection error");
    });
    ws.on("close", (code: number) => {
      log.info({ remote, code, accessPoints: connection.accessPoints.size }, "Disconnecting client on WS handler");
      for (const ap of connection.accessPoints.values()) if (ap.session) this.options.registry.release(ap.session);
    });
  }

  private async handle(connection: Connection, buffer: Buffer, isBinary: boolean, receivedAt: number): Promise<void> {
    // Messages that arrived before the access point closed the connection are still handled;
    // after ingest refused the connection they are not.
    if (connection.refused) return;
    let telemetry: ArubaTelemetry;
    try {
      if (!isBinary) throw new Error("text message");
      telemetry = decodeTelemetry(buffer);
    } catch {
      return this.undecodable(connection);
    }
    if (!telemetry.accessToken) return this.refuse(connection, "missing token", telemetry.reporter.mac);
    const check = await this.options.tokens.check(telemetry.accessToken);
    if (!check.ok) return this.refuse(connection, check.reason === "expired" ? "token expired" : "invalid token", telemetry.reporter.mac);
    if (connection.grant && connection.grant.tenantId !== check.grant.tenantId) {
      return this.refuse(connection, "token of another tenant", telemetry.reporter.mac);
    }
    connection.grant = check.grant;

    const ap = await this.accessPoint(connection, check.grant, telemetry);
    if (!ap?.session) return;
    connection.last = ap;
    const session = ap.session;
    const { intake } = this.options;
    intake.heardFrom(session);

    for (const serial of telemetry.serialData) {
      let framer = ap.framers.get(serial.deviceId);
      if (!framer) ap.framers.set(serial.deviceId, (framer = new Esp3Framer()));
      const result = framer.push(serial.payload);
      for (const error of result.errors) intake.malformed(session, error.code);
      if (result.discardedBytes > 0 && result.errors.length === 0 && result.packets.length === 0) intake.malformed(session, "ESP3_NO_SYNC");
      intake.accept(session, result.packets, receivedAt);
    }
    if (telemetry.apHealth) {
      const report = healthReport(telemetry.apHealth, new Date());
      this.options.log.debug(
        { mac: ap.mac, hwDesc: telemetry.reporter.hwType, swVersion: telemetry.reporter.swVersion, ap: report.apHealth, usb: report.usbHealth },
        "Aruba health",
      );
      await this.options.registry.health(session, report).catch((err: unknown) => this.options.log.warn({ err }, "could not store AP health"));
    }
  }

  /** The access point of a message, registered on its first message (hello, health or data). */
  private async accessPoint(connection: Connection, grant: ArubaGrant, telemetry: ArubaTelemetry): Promise<AccessPoint | undefined> {
    const { reporter } = telemetry;
    let ap = connection.accessPoints.get(reporter.mac);
    if (!ap) {
      ap = { mac: reporter.mac, session: undefined, refused: false, framers: new Map(), details: "" };
      connection.accessPoints.set(reporter.mac, ap);
    }
    if (grant.allowedMacs.length > 0 && !grant.allowedMacs.includes(reporter.mac)) {
      if (!ap.refused) this.options.log.warn({ mac: reporter.mac, tenantId: grant.tenantId }, "access point not on the credential's allow-list: its messages are dropped");
      ap.refused = true;
      return undefined;
    }
    ap.refused = false;
    const details = {
      ...(reporter.name !== undefined ? { name: reporter.name } : {}),
      ...(reporter.hwType !== undefined ? { hardwareDescriptor: reporter.hwType } : {}),
      ...(reporter.swVersion !== undefined ? { softwareVersion: reporter.swVersion } : {}),
      ipAddress: reporter.ipv4 ?? reporter.ipv6 ?? connection.remote,
    };
    const fingerprint = JSON.stringify(details);
    if (!ap.session) {
      ap.session = await this.options.registry.register(grant.tenantId, { kind: "ARUBA", mac: reporter.mac, credentialId: grant.credentialId, ...details });
      ap.details = fingerprint;
      this.options.log.info(
        { mac: reporter.mac, hwType: reporter.hwType, swVersion: reporter.swVersion, tenantId: grant.tenantId, licensed: ap.session.licensed },
        "access point registered",
      );
    } else if (ap.details !== fingerprint) {
      ap.details = fingerprint;
      void this.options.registry.details(ap.session, details).catch((err: unknown) => this.options.log.warn({ err }, "could not update AP details"));
    }
    return ap;
  }

  /** Random bytes, a truncated protobuf or a text message: counted against the access point the
   * connection last carried; a connection that never presented a valid token is closed. */
  private undecodable(connection: Connection): void {
    const session = connection.last?.session;
    if (session) {
      this.options.intake.malformed(session, "BAD_PROTOBUF");
      this.options.log.debug({ remote: connection.remote, mac: session.gateway }, "undecodable Aruba message dropped");
      return;
    }
    this.options.log.info({ remote: connection.remote }, "Disconnecting AP with code 1008: first message is not an Aruba Telemetry message");
    connection.refused = true;
    connection.ws.close(ArubaClose.POLICY, "expected an Aruba Telemetry message with a valid access token");
  }

  private refuse(connection: Connection, reason: string, mac: string): void {
    this.options.log.info({ remote: connection.remote, mac, reason }, "Disconnecting AP with code 1008 due to invalid token");
    connection.refused = true;
    const { ws } = connection;
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeTokenExpired(reason));
    ws.close(ArubaClose.POLICY, reason);
  }

  close(): void {
    for (const client of this.wss.clients) client.close(ArubaClose.GOING_AWAY, "server shutting down");
    this.wss.close();
  }

  /** Cuts every connection that is still open (after close() gave them a moment). */
  terminate(): void {
    for (const client of this.wss.clients) client.terminate();
  }
}
