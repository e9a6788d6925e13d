import net from "node:net";
import { describe, expect, it } from "vitest";
import { ensureService, reachable, ServiceUnavailableError } from "./local-services";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("ensureService", () => {
  it("answers 'running' when the service accepts connections", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as net.AddressInfo;
    await expect(ensureService({ name: "X", host: "127.0.0.1", port, starters: [], install: "apt install x" })).resolves.toBe("running");
    server.close();
  });

  it("starts a locally installed server when nothing answers", async () => {
    const port = await closedPort();
    let server: net.Server | undefined;
    const result = await ensureService({
      name: "X",
      host: "127.0.0.1",
      port,
      starters: [{ binary: "node", run: () => void (server = net.createServer().listen(port, "127.0.0.1")) }],
      install: "apt install x",
    });
    expect(result).toBe("started");
    expect(await reachable("127.0.0.1", port)).toBe(true);
    server?.close();
  });

  it("says exactly what to install, or docker compose, when the service is missing", async () => {
    const port = await closedPort();
    const attempt = ensureService({
      name: "PostgreSQL",
      host: "127.0.0.1",
      port,
      starters: [{ binary: "definitely-not-installed-here", run: () => {} }],
      install: "Debian/Ubuntu: sudo apt install postgresql",
    });
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`PostgreSQL is not reachable at 127.0.0.1:${port} and is not installed here[\\s\\S]*sudo apt install postgresql[\\s\\S]*docker compose up -d postgres redis`),
    );
  });
});
