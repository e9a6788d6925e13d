import { decodeSouthbound, encodeTelemetry } from "@tidewire/aruba";
import WebSocket from "ws";
import { postJson } from "./post-json";

export interface ArubaConnectionOptions {
  /** http(s)://host:port of Tidewire's ingest: /auth/aruba and /aruba live there */
  baseUrl: string;
  username: string;
  password: string;
  /** TLS: the CA the access point was given as "Trusted CA" */
  ca?: Buffer | string;
  /** send client_id/client_secret (client-credentials mode) instead of username/password */
  clientCredentials?: boolean;
  /** reconnect after the connection drops or the token is refused (default true) */
  reconnect?: boolean;
  onState?: (state: "connected" | "disconnected" | "authenticated", detail?: string) => void;
}

/**
 * One websocket of the Aruba IoT transport, as an Instant AP (one access point) or a controller
 * (many) opens it: authenticate at /auth/aruba, connect to /aruba, put the access token in every
 * Telemetry message. When the server closes with 1008 (token invalid or expired) it logs in
 * again and reconnects, as access points do.
 */
export class ArubaConnection {
  private ws?: WebSocket;
  private closed = false;
  private attempt = 0;
  token?: string;
  expiresIn?: number;
  /** what the authentication URL answered last */
  lastAuth?: { status: number; json: unknown };
  lastClose?: { code: number; reason: string };
  readonly southbound: ReturnType<typeof decodeSouthbound>[] = [];
  connects = 0;
  /** called after every (re)connect, e.g. to send the access points' hello */
  private readonly onOpen: (() => void)[] = [];

  constructor(private readonly options: ArubaConnectionOptions) {}

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  get wsUrl(): string {
    return `${this.options.baseUrl.replace(/^http/, "ws").replace(/\/+$/, "")}/aruba`;
  }

  whenOpen(callback: () => void): void {
    this.onOpen.push(callback);
  }

  /** Logs in at the authentication URL; throws with the status when refused. */
  async authenticate(): Promise<string> {
    const body = this.options.clientCredentials
      ? { client_id: this.options.username, client_secret: this.options.password }
      : { username: this.options.username, password: this.options.password };
    const response = await postJson(`${this.options.baseUrl.replace(/\/+$/, "")}/auth/aruba`, JSON.stringify(body), this.options.ca ? { ca: this.options.ca } : {});
    this.lastAuth = { status: response.status, json: response.json };
    const json = response.json as { access_token?: string; expires_in?: number } | undefined;
    if (response.status !== 200 || !json?.access_token) throw new Error(`authentication refused: HTTP ${response.status}`);
    this.token = json.access_token;
    this.expiresIn = json.expires_in;
    this.options.onState?.("authenticated");
    return this.token;
  }

  connect(): Promise<void> {
    this.closed = false;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      const open = async () => {
        if (this.closed) return settle();
        try {
          if (!this.token) await this.authenticate();
        } catch (error) {
          if (this.options.reconnect === false) return settle(error as Error);
          return void setTimeout(() => void open(), this.backoff()).unref();
        }
        const ws = new WebSocket(this.wsUrl, this.options.ca ? { ca: this.options.ca } : {});
        this.ws = ws;
        ws.on("open", () => {
          this.attempt = 0;
          this.connects += 1;
          this.options.onState?.("connected");
          for (const callback of this.onOpen) callback();
          settle();
        });
        ws.on("message", (data, isBinary) => {
          if (!isBinary) return;
          try {
            this.southbound.push(decodeSouthbound(data as Buffer));
          } catch {
            // not a southbound message we know
          }
        });
        ws.on("error", () => {});
        ws.on("close", (code, reason) => {
          this.lastClose = { code, reason: reason.toString() };
          if (this.closed) return;
          this.options.onState?.("disconnected", `close ${code} ${reason.toString()}`);
          // 1008: the token was refused; log in again before reconnecting.
          if (code === 1008) this.token = undefined;
          if (this.options.reconnect === false) return settle(new Error(`closed ${code}`));
          setTimeout(() => void open(), this.backoff()).unref();
        });
      };
      void open();
    });
  }

  private backoff(): number {
    return Math.min(30_000, 250 * 2 ** Math.min(this.attempt++, 7));
  }

  /** Sends one Telemetry message built around the current token. */
  send(message: Omit<Parameters<typeof encodeTelemetry>[0], "accessToken">): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    const bytes = encodeTelemetry({ ...message, ...(this.token ? { accessToken: this.token } : {}) });
    this.ws.send(bytes, { binary: true });
    return true;
  }

  /** Sends bytes as they are (faults: random bytes, truncated protobuf, oversized messages). */
  sendRaw(bytes: Uint8Array): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(bytes, { binary: true });
    return true;
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
      ws.close(1000, "access point stopping");
    });
  }
}
