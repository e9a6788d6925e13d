import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Esp3Framer } from "@tidewire/decoder";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { z } from "zod";
import type { Logger } from "../logging/logger";
import { pauseWhileCongested } from "./backpressure";
import type { FrameIntake } from "./frame-intake";
import type { GatewayAuthResult } from "./generic-gateway-auth";
import type { GatewayRegistry } from "./gateway-registry";
import type { GatewaySession } from "./gateway-session";
import type { Heartbeat } from "./heartbeat";
import { refuseUpgrade } from "./refuse-upgrade";

export type { GatewaySession } from "./gateway-session";

export const GENERIC_GATEWAY_PATH = "/gateway/v1";
export const GENERIC_PROTOCOL = "tidewire-gateway/1";

export interface GenericGatewayEndpointOptions {
  intake: FrameIntake;
  registry: GatewayRegistry;
  heartbeat: Heartbeat;
  heartbeatSeconds: number;
  log: Logger;
  /** Checks the credential and registers the gateway. */
  authenticate: (req: IncomingMessage) => Promise<GatewayAuthResult>;
  /** larger messages close the connection with 1009 */
  maxMessageBytes: number;
}

const jsonFrameSchema = z.object({
  esp3: z.union([z.string(), z.array(z.string()).min(1).max(1000)]),
});

const hexToBytes = (hex: string): Uint8Array | null =>
  /^(?:[0-9a-fA-F]{2})+$/.test(hex) ? Uint8Array.from(Buffer.from(hex, "hex")) : null;

/** Generic gateway protocol v1 (docs/gateway-protocol.md): a websocket with a bearer token or a
 * client certificate; binary messages are ESP3 byte chunks (frames may span messages), text
 * messages are JSON {"esp3": "<hex>"} with complete frames. A malformed message is counted,
 * answered with an error message and otherwise ignored: the connection stays up. */
export class GenericGatewayEndpoint {
  private readonly wss: WebSocketServer;

  constructor(private readonly options: GenericGatewayEndpointOptions) {
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

  /** Called for an HTTP upgrade on GENERIC_GATEWAY_PATH. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.options.authenticate(req).then(
      (result) => {
        if (!result.ok) return refuseUpgrade(socket, result.status, result.reason, result.retryAfterSeconds);
        if (socket.destroyed) return this.options.registry.release(result.session);
        this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, result.session));
      },
      (err: unknown) => {
        this.options.log.error({ err }, "gateway authentication failed");
        refuseUpgrade(socket, 503, "authentication is unavailable; try again");
      },
    );
  }

  private serve(ws: WebSocket, session: GatewaySession): void {
    const { intake, log } = this.options;
    const framer = new Esp3Framer();
    log.info({ gateway: session.gateway, tenantId: session.tenantId, licensed: session.licensed }, "gateway connected");
    this.options.heartbeat.watch(ws);
    ws.send(
      JSON.stringify({
        hello: {
          protocol: GENERIC_PROTOCOL,
          gateway: session.gateway,
          licensed: session.licensed,
          heartbeatSeconds: this.options.heartbeatSeconds,
          maxMessageBytes: this.options.maxMessageBytes,
        },
      }),
    );

    const problem = (code: string, message: string) => {
      intake.malformed(session, code);
      log.debug({ gateway: session.gateway, code }, "malformed gateway message");
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ error: { code, message } }));
    };
    const feed = (bytes: Uint8Array) => {
      const result = framer.push(bytes);
      for (const error of result.errors) problem(error.code, error.message);
      if (result.discardedBytes > 0 && result.errors.length === 0 && result.packets.length === 0) {
        problem("ESP3_NO_SYNC", `${result.discardedBytes} byte(s) without an ESP3 sync byte were skipped`);
      }
      intake.accept(session, result.packets);
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) feed(buffer);
      else this.onJson(buffer, feed, framer, problem);
      pauseWhileCongested(ws, intake);
    });
    ws.on("close", () => {
      log.info({ gateway: session.gateway }, "gateway disconnected");
      this.options.registry.release(session);
    });
    ws.on("error", (err) => log.info({ err: err.message, gateway: session.gateway }, "gateway connection error"));
  }

  private onJson(buffer: Buffer, feed: (bytes: Uint8Array) => void, framer: Esp3Framer, problem: (code: string, message: string) => void): void {
    let parsed: z.infer<typeof jsonFrameSchema>;
    try {
      parsed = jsonFrameSchema.parse(JSON.parse(buffer.toString("utf8")));
    } catch {
      return problem("BAD_JSON", 'expected {"esp3": "<hex>"} or {"esp3": ["<hex>", ...]}');
    }
    for (const hex of Array.isArray(parsed.esp3) ? parsed.esp3 : [parsed.esp3]) {
      const bytes = hexToBytes(hex);
      if (!bytes) {
        problem("BAD_HEX", "esp3 must be an even number of hex digits");
        continue;
      }
      // JSON frames are complete: a leftover partial frame must not swallow the next message.
      feed(bytes);
      if (framer.bufferedBytes > 0) {
        framer.reset();
        problem("ESP3_TRUNCATED", "the frame ends before its announced length");
      }
    }
  }

  close(): void {
    for (const client of this.wss.clients) client.close(1001, "server shutting down");
    this.wss.close();
  }

  /** Cuts every connection that is still open (after close() gave them a moment). */
  terminate(): void {
    for (const client of this.wss.clients) client.terminate();
  }
}
