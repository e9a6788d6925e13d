import type { Duplex } from "node:stream";

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** Answers a websocket upgrade with a plain HTTP error (the connection is not upgraded). */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, retryAfterSeconds?: number): void {
  if (socket.destroyed) return;
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\n` +
      "Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n" +
      (retryAfterSeconds !== undefined ? `Retry-After: ${retryAfterSeconds}\r\n` : "") +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
