import WebSocket from "ws";
import { newLinkStats, type GatewayLink } from "./gateway-link";

export interface GenericGatewayClientOptions {
  /** ws(s)://host:port/gateway/v1 */
  url: string;
  /** bearer token; leave out to authenticate with a client certificate */
  token?: string;
  gatewayId: string;
  kind?: "simulator" | "generic";
  model?: string;
  version?: string;
  /** TLS: CA to trust, and a client certificate with its key */
  ca?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
  /** source address to connect from (tests that need to look like another client) */
  localAddress?: string;
  /** answer the server's pings (default true; false plays a half-open connection) */
  autoPong?: boolean;
  /** reconnect after the connection drops (default true) */
  reconnect?: boolean;
  /** called with each problem the server reports ({"error": {...}} messages) */
  onServerError?: (error: { code: string; message: string }) => void;
  onState?: (state: "connected" | "disconnected", detail?: string) => void;
}

/** A gateway speaking the generic protocol v1 (docs/gateway-protocol.md): one websocket with a
 * bearer token or client certificate, binary ESP3. Reconnects by itself with backoff; bytes sent
 * while disconnected are dropped (a gateway has nowhere to keep them) and counted. */
export class GenericGatewayClient implements GatewayLink {
  private ws?: WebSocket;
  private closed = false;
  private attempt = 0;
  readonly stats = newLinkStats();
  /** the server's hello, once connected */
  hello?: { protocol: string; gateway: string; licensed: boolean; heartbeatSeconds: number; maxMessageBytes: number };
  readonly serverErrors: { code: string; message: string }[] = [];
  /** close code of the last connection */
  lastClose?: { code: number; reason: string };

  constructor(private readonly options: GenericGatewayClientOptions) {}

  get id(): string {
    return this.options.gatewayId.toLowerCase();
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  connect(): Promise<void> {
    this.closed = false;
    return new Promise((resolve, reject) => {
      let settled = false;
      const open = () => {
        if (this.closed) return resolve();
        const headers: Record<string, string> = {
          "x-gateway-id": this.options.gatewayId,
          "x-gateway-kind": this.options.kind ?? "simulator",
          "x-gateway-model": this.options.model ?? "Tidewire simulator",
          "x-gateway-version": this.options.version ?? "1.0",
        };
        if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
        const ws = new WebSocket(this.options.url, {
          headers,
          ...(this.options.ca ? { ca: this.options.ca } : {}),
          ...(this.options.cert ? { cert: this.options.cert } : {}),
          ...(this.options.key ? { key: this.options.key } : {}),
          ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
          ...(this.options.autoPong === false ? { autoPong: false } : {}),
        });
        this.ws = ws;
        ws.on("open", () => {
          this.attempt = 0;
          this.stats.connects += 1;
          this.options.onState?.("connected");
        });
        ws.on("message", (data, isBinary) => {
          if (isBinary) return;
          let parsed: { error?: { code: string; message: string }; hello?: GenericGatewayClient["hello"] };
          try {
            parsed = JSON.parse(String(data)) as typeof parsed;
          } catch {
            return;
          }
          if (parsed.hello) {
            this.hello = parsed.hello;
            if (!settled) {
              settled = true;
              resolve();
            }
          }
          if (parsed.error) {
            this.serverErrors.push(parsed.error);
            this.options.onServerError?.(parsed.error);
          }
        });
        ws.on("unexpected-response", (_req, res) => {
          this.options.onState?.("disconnected", `HTTP ${res.statusCode}`);
          if (!settled && this.options.reconnect === false) {
            settled = true;
            reject(new Error(`HTTP ${res.statusCode}`));
          }
          ws.terminate();
        });
        ws.on("error", () => {});
        ws.on("close", (code, reason) => {
          this.lastClose = { code, reason: reason.toString() };
          if (this.closed) return;
          this.options.onState?.("disconnected", `close ${code}`);
          if (this.options.reconnect === false) {
            if (!settled) {
              settled = true;
              reject(new Error(`closed ${code}`));
            }
            return;
          }
          const delay = Math.min(30_000, 250 * 2 ** Math.min(this.attempt++, 7));
          setTimeout(open, delay).unref();
        });
      };
      open();
    });
  }

  sendBytes(bytes: Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) {
      this.stats.dropped += 1;
      return false;
    }
    this.ws.send(bytes, { binary: true });
    this.stats.messages += 1;
    this.stats.bytes += bytes.length;
    return true;
  }

  /** Sends JSON frames ({"esp3": [...]}) instead of binary. */
  sendJson(frames: Uint8Array[]): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) {
      this.stats.dropped += 1;
      return false;
    }
    this.ws.send(JSON.stringify({ esp3: frames.map((f) => Buffer.from(f).toString("hex")) }));
    this.stats.messages += 1;
    return true;
  }

  /** The underlying socket (tests that need to see backpressure or send raw messages). */
  get socket(): WebSocket | undefined {
    return this.ws;
  }

  interrupt(): void {
    this.ws?.terminate();
  }

  close(): Promise<void> {
    this.closed = true;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000);
      ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1000, "simulator stopping");
    });
  }
}
