import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import type { Duplex } from "node:stream";
import type { IncomingMessage } from "node:http";
import { createWebSocketStream, WebSocketServer } from "ws";

type Handle = (stream: Duplex, req?: IncomingMessage) => void;

function listen(server: NetServer | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** The broker's transports: MQTT over TCP, over TLS (mqtts) and over websockets. Each hands
 * its connections to the same aedes instance, so a tenant is the same tenant on all three. */
export class BrokerListeners {
  private readonly servers: (NetServer | HttpServer)[] = [];

  constructor(private readonly handle: Handle) {}

  async tcp(port: number, host: string): Promise<number> {
    // No Nagle: a subscriber gets each message as it is forwarded, and publishers their PUBACKs,
    // not after the previous segment's (delayed) acknowledgement.
    const server = createNetServer({ noDelay: true }, (socket) => this.handle(socket));
    this.servers.push(server);
    return listen(server, port, host);
  }

  async tls(port: number, host: string, credentials: { cert: string; key: string }): Promise<number> {
    const server: TlsServer = createTlsServer({ cert: credentials.cert, key: credentials.key, noDelay: true }, (socket) => this.handle(socket));
    // A client that fails the handshake is its own problem, not the broker's.
    server.on("tlsClientError", () => {});
    this.servers.push(server);
    return listen(server, port, host);
  }

  async websocket(port: number, host: string): Promise<number> {
    const http = createHttpServer((_, res) => res.writeHead(426).end("MQTT over websockets only\n"));
    const wss = new WebSocketServer({ server: http });
    wss.on("connection", (ws, req) => this.handle(createWebSocketStream(ws), req));
    this.servers.push(http);
    return listen(http, port, host);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }
}
