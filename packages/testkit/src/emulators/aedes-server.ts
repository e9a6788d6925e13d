import { createServer as createNetServer, type Server } from "node:net";
import { createServer as createTlsServer, type TlsOptions } from "node:tls";
import { Aedes } from "aedes";
import { freePort } from "../free-port";

/** An Aedes broker on a loopback port (a free one unless given), plain TCP or TLS. */
export async function listenAedes(aedes: Aedes, tls?: TlsOptions, fixedPort?: number): Promise<{ port: number; close: () => Promise<void> }> {
  await aedes.listen();
  const port = fixedPort ?? (await freePort());
  const server: Server = tls ? createTlsServer(tls, (socket) => aedes.handle(socket)) : createNetServer((socket) => aedes.handle(socket));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    port,
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers a CONNECT with a CONNACK return code (2 identifier rejected, 3 server unavailable,
 * 4 bad user name or password, 5 not authorized). */
export function refuse(done: (err: never, ok: boolean) => void, returnCode: number, message: string) {
  done(Object.assign(new Error(message), { returnCode }) as never, false);
}
