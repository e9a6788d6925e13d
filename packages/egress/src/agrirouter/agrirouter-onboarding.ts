import { sign } from "node:crypto";
import { Agent, request } from "node:https";
import { request as httpRequest } from "node:http";
import type { AgrirouterApplication } from "../connectors/connector";
import { DeliveryError } from "../delivery-error";
import { agrirouterOnboardingSchema, type AgrirouterOnboarding } from "../kinds/agrirouter";
import { AgrirouterOnboardingError, onboardingFailure, type RegistrationAnswer } from "./agrirouter-onboarding-error";

/** X-Agrirouter-Signature: lower-case hex of RSASSA-PKCS1-v1_5 SHA-256 over the exact body. */
export function signOnboardingBody(body: string, privateKeyPem: string): string {
  return sign("sha256", Buffer.from(body, "utf8"), privateKeyPem).toString("hex");
}

export function onboardingBody(app: AgrirouterApplication, externalId: string, timeZone: string, now = new Date()): string {
  return JSON.stringify({
    id: externalId,
    applicationId: app.applicationId,
    certificationVersionId: app.certificationVersionId,
    gatewayId: "2",
    certificateType: "PEM",
    UTCTimestamp: now.toISOString(),
    timeZone,
  });
}

function post(url: URL, headers: Record<string, string>, body: string, ca: string | undefined, timeoutMs: number): Promise<Omit<RegistrationAnswer, "sentAt">> {
  return new Promise((resolve, reject) => {
    const options = { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, timeout: timeoutMs };
    const req =
      url.protocol === "https:"
        ? request(url, { ...options, ...(ca ? { agent: new Agent({ ca }) } : {}) })
        : httpRequest(url, options);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), date: res.headers.date }));
    });
    req.on("timeout", () => req.destroy(new DeliveryError("timeout", `agrirouter did not answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Verifies the registration code, then onboards the endpoint (reference §3). Refusals are
 * AgrirouterOnboardingErrors saying what to fix. */
export async function onboardAgrirouterEndpoint(input: {
  app: AgrirouterApplication;
  registrationCode: string;
  externalId: string;
  timeZone: string;
  timeoutMs?: number;
}): Promise<{ accountId?: string; onboarding: AgrirouterOnboarding }> {
  const { app } = input;
  const base = app.registrationUrl.replace(/\/$/, "");
  const timeout = input.timeoutMs ?? 20_000;
  const send = async (path: string): Promise<RegistrationAnswer> => {
    const sentAt = Date.now();
    const body = onboardingBody(app, input.externalId, input.timeZone, new Date(sentAt));
    const headers = {
      authorization: `Bearer ${input.registrationCode}`,
      "content-type": "application/json",
      "x-agrirouter-applicationid": app.applicationId,
      "x-agrirouter-signature": signOnboardingBody(body, app.privateKey),
    };
    try {
      return { ...(await post(new URL(`${base}${path}`), headers, body, app.caCertificate, timeout)), sentAt };
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      throw new DeliveryError("tcp", `cannot reach the agrirouter registration service: ${(err as Error).message}`);
    }
  };
  const verify = await send("/api/v1.0/registration/onboard/verify");
  if (verify.status !== 200) throw onboardingFailure("verification", verify, app.applicationId);
  let accountId: string | undefined;
  try {
    accountId = (JSON.parse(verify.body) as { accountId?: unknown }).accountId as string | undefined;
  } catch {
    // the account id is informative only
  }
  const onboard = await send("/api/v1.0/registration/onboard/request");
  if (onboard.status !== 201) throw onboardingFailure("onboarding", onboard, app.applicationId);
  let answer: unknown;
  try {
    answer = JSON.parse(onboard.body);
  } catch {
    throw new AgrirouterOnboardingError("UNAVAILABLE", "agrirouter's onboarding answer is not JSON", undefined);
  }
  const parsed = agrirouterOnboardingSchema.safeParse(answer);
  if (!parsed.success) throw new AgrirouterOnboardingError("UNAVAILABLE", `agrirouter's onboarding answer is incomplete: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim(), undefined);
  if (parsed.data.connectionCriteria.gatewayId !== "2" || !parsed.data.connectionCriteria.host)
    throw new AgrirouterOnboardingError("REQUEST", "agrirouter onboarded the endpoint for REST, not MQTT", undefined);
  return { ...(typeof accountId === "string" ? { accountId } : {}), onboarding: parsed.data };
}
