import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** POSTs a body and answers status and parsed JSON (or the raw text). Takes a CA for
 * self-signed development certificates, which fetch() cannot. */
export function postJson(
  url: string,
  body: string,
  options: { ca?: Buffer | string; contentType?: string; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<{ status: number; json: unknown; text: string; headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: "POST",
        headers: { "content-type": options.contentType ?? "application/json", "content-length": Buffer.byteLength(body), ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
