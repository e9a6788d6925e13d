import { verify } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";

// agrirouter's registration service as the reference describes it (agrirouter.md §3, product
// document 002 "Onboarding App Instances"): POST …/onboard/verify (200 {accountId}) and
// POST …/onboard/request (201 onboarding response), each with "Authorization: Bearer <code>",
// "Content-Type: application/json", "X-Agrirouter-ApplicationId" and "X-Agrirouter-Signature" =
// hex RSA-SHA256 over the exact body, checked with the application's registered public key.

export const VERIFY_PATH = "/api/v1.0/registration/onboard/verify";
export const REQUEST_PATH = "/api/v1.0/registration/onboard/request";

/** The documented signature failure (product document 002, "Failure"). */
export const SIGNATURE_ERROR = { code: "0110", message: "Signing header is invalid, the request has timedout, or UTCTimestamp is not provided" };
/** Our sources document a 401 for an unknown registration code but not its error code; the
 * emulator uses one of its own, so Tidewire cannot come to depend on a made-up value. */
export const UNKNOWN_CODE_ERROR = { code: "EMULATOR-REGCODE", message: "The registration code is unknown, expired or already used" };

export interface EmulatedApplication {
  applicationId: string;
  certificationVersionIds: string[];
  /** PEM public key registered in the developer UI */
  publicKey: string;
}

export interface OnboardingRequestBody {
  id: string;
  applicationId: string;
  certificationVersionId: string;
  gatewayId: string;
  certificateType: string;
  UTCTimestamp: string;
  timeZone?: string;
}

export interface RegistrationRecord {
  path: string;
  status: number;
  code?: string;
}

export interface RegistrationContext {
  /** the emulated agrirouter's clock, Unix ms */
  now(): number;
  /** how far a request's UTCTimestamp may be from now() (either way) */
  maxClockSkewMs(): number;
  applications: Map<string, EmulatedApplication>;
  /** registration code → account it belongs to; deleted once a code has onboarded an endpoint */
  registrationCodes: Map<string, { accountId: string }>;
  /** creates the endpoint and returns the 201 answer */
  onboard(body: OnboardingRequestBody, accountId: string): Record<string, unknown>;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class RegistrationService {
  readonly requests: RegistrationRecord[] = [];
  private server?: Server;

  constructor(
    private readonly ctx: RegistrationContext,
    private readonly tls: { key: string; cert: string },
  ) {}

  async listen(): Promise<number> {
    this.server = createServer(this.tls, (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "";
    const reply = (status: number, json: unknown, code?: string) => {
      this.requests.push({ path, status, ...(code ? { code } : {}) });
      // The answer's Date is agrirouter's own clock ("Handling Signature Issues").
      res.writeHead(status, { "content-type": "application/json", date: new Date(this.ctx.now()).toUTCString() });
      res.end(JSON.stringify(json));
    };
    const fail = (status: number, error: { code: string; message: string }) => reply(status, { error: { ...error, target: "", details: [] } }, error.code);

    if (req.method !== "POST") return fail(405, { code: "EMULATOR-METHOD", message: "POST only" });
    if (path !== VERIFY_PATH && path !== REQUEST_PATH) return fail(404, { code: "EMULATOR-PATH", message: `no such service ${path}` });
    const body = await readBody(req, 64 * 1024);
    if (body === null) return fail(413, { code: "EMULATOR-SIZE", message: "request too large" });
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? "")) return fail(400, { code: "EMULATOR-CONTENT-TYPE", message: "Content-Type must be application/json" });

    // "Bearer " + the registration code, with exactly one space.
    const bearer = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? "");
    const applicationId = req.headers["x-agrirouter-applicationid"];
    const signature = req.headers["x-agrirouter-signature"];
    const application = typeof applicationId === "string" ? this.ctx.applications.get(applicationId) : undefined;
    if (!bearer || !application) return fail(401, UNKNOWN_CODE_ERROR);
    if (typeof signature !== "string" || !/^[0-9a-fA-F]+$/.test(signature) || signature.length % 2 !== 0) return fail(401, SIGNATURE_ERROR);
    let signed = false;
    try {
      signed = verify("sha256", Buffer.from(body, "utf8"), application.publicKey, Buffer.from(signature, "hex"));
    } catch {
      signed = false;
    }
    if (!signed) return fail(401, SIGNATURE_ERROR);

    let parsed: Partial<OnboardingRequestBody>;
    try {
      parsed = JSON.parse(body) as Partial<OnboardingRequestBody>;
    } catch {
      return fail(400, { code: "EMULATOR-BODY", message: "body is not JSON" });
    }
    const at = typeof parsed.UTCTimestamp === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(parsed.UTCTimestamp) ? Date.parse(parsed.UTCTimestamp) : NaN;
    if (!Number.isFinite(at) || Math.abs(at - this.ctx.now()) > this.ctx.maxClockSkewMs()) return fail(401, SIGNATURE_ERROR);
    const problems = [
      typeof parsed.id === "string" && parsed.id.length > 0 ? null : "id",
      parsed.applicationId === applicationId ? null : "applicationId (must equal X-Agrirouter-ApplicationId)",
      typeof parsed.certificationVersionId === "string" && application.certificationVersionIds.includes(parsed.certificationVersionId) ? null : "certificationVersionId",
      parsed.gatewayId === "2" || parsed.gatewayId === "3" ? null : "gatewayId (\"2\" MQTT or \"3\" REST)",
      parsed.certificateType === "PEM" || parsed.certificateType === "P12" ? null : "certificateType (PEM or P12)",
    ].filter((p): p is string => p !== null);
    if (problems.length) return fail(400, { code: "EMULATOR-FIELDS", message: `invalid fields: ${problems.join(", ")}` });

    const account = this.ctx.registrationCodes.get(bearer[1]!);
    if (!account) return fail(401, UNKNOWN_CODE_ERROR);
    if (path === VERIFY_PATH) return reply(200, { accountId: account.accountId });
    if (parsed.certificateType !== "PEM") return fail(400, { code: "EMULATOR-P12", message: "the emulator issues PEM certificates only" });
    this.ctx.registrationCodes.delete(bearer[1]!);
    return reply(201, this.ctx.onboard(parsed as OnboardingRequestBody, account.accountId));
  }
}
