import { z } from "zod";
import { DeliveryError } from "../delivery-error";

/** Why agrirouter refused a verification or onboarding request, as the tenant can act on it. */
export type OnboardingRefusal =
  /** 401 without a signature code: the registration code is unknown, expired or already used */
  | "REGISTRATION_CODE"
  /** 0110/107 and this server's clock is far from agrirouter's (the Date of its answer) */
  | "CLOCK_SKEW"
  /** 0110/107 with the clocks in step: the key does not match the application's public key */
  | "SIGNATURE"
  /** 400: agrirouter did not accept the request's content */
  | "REQUEST"
  /** 5xx or an unreadable answer: try again later */
  | "UNAVAILABLE";

/** An onboarding refusal; `stage` is "onboarding", `reason` says what to fix. */
export class AgrirouterOnboardingError extends DeliveryError {
  constructor(
    readonly reason: OnboardingRefusal,
    message: string,
    /** agrirouter's error code ("0110"…), when it gave one */
    readonly agrirouterCode: string | undefined,
  ) {
    super("onboarding", message, reason === "UNAVAILABLE");
    this.name = "AgrirouterOnboardingError";
  }

  override get code(): string {
    return `AGRIROUTER_${this.reason}`;
  }
}

export interface RegistrationAnswer {
  status: number;
  body: string;
  /** the answer's Date header: agrirouter's clock (reference §3, "Handling Signature Issues") */
  date?: string | undefined;
  /** Unix ms at which the request's UTCTimestamp was taken */
  sentAt?: number | undefined;
}

const errorBodySchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }).partial() }).partial();

/** Beyond this the clocks disagree by more than network delay and the Date header's 1 s
 * resolution can explain, so a refused signature is blamed on the clock. */
const CLOCK_SKEW_THRESHOLD_MS = 30_000;

function describeSkew(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return ms > 0 ? `this server's clock is ${seconds} s behind agrirouter's` : `this server's clock is ${seconds} s ahead of agrirouter's`;
}

/** Turns agrirouter's error answers into messages a tenant can act on. Code 0110 ("Signing header
 * is invalid, the request has timedout, or UTCTimestamp is not provided") and 107 ("invalid
 * signature") are a signature refusal; the Date of the answer tells a clock problem from a key
 * problem. Any other 401 is the registration code (the verify call documents 401 as "the
 * provided registration code was unknown"). */
export function onboardingFailure(step: "verification" | "onboarding", answer: RegistrationAnswer, applicationId?: string): AgrirouterOnboardingError {
  let parsed: z.infer<typeof errorBodySchema> = {};
  try {
    const result = errorBodySchema.safeParse(JSON.parse(answer.body));
    if (result.success) parsed = result.data;
  } catch {
    // not JSON: the status alone decides
  }
  const code = parsed.error?.code || undefined;
  const detail = parsed.error?.message ? ` (agrirouter: ${parsed.error.message})` : "";
  const signatureRefused = code === "0110" || code === "107" || /signing header|signature/i.test(parsed.error?.message ?? "");
  if (signatureRefused) {
    const serverTime = answer.date ? Date.parse(answer.date) : NaN;
    const skew = Number.isFinite(serverTime) && answer.sentAt !== undefined ? serverTime - answer.sentAt : undefined;
    if (skew !== undefined && Math.abs(skew) > CLOCK_SKEW_THRESHOLD_MS)
      return new AgrirouterOnboardingError(
        "CLOCK_SKEW",
        `agrirouter refused the ${step} request's time stamp (code ${code}): ${describeSkew(skew)}. Set this server's clock right (NTP) and try again${detail}.`,
        code,
      );
    return new AgrirouterOnboardingError(
      "SIGNATURE",
      `agrirouter refused the ${step} request's signature (code ${code}): the installation's key (AGRIROUTER_PRIVATE_KEY) does not match the public key registered for application ${applicationId ?? "(unknown)"}, or the clocks differ${detail}.`,
      code,
    );
  }
  if (answer.status === 401 || answer.status === 403)
    return new AgrirouterOnboardingError(
      "REGISTRATION_CODE",
      `agrirouter does not accept this registration code${code ? ` (code ${code})` : ""}: it is wrong, expired or already used. Create a new one in the agrirouter control center ("+ Connection") and enter it here${detail}.`,
      code,
    );
  if (answer.status >= 400 && answer.status < 500)
    return new AgrirouterOnboardingError("REQUEST", `agrirouter refused the ${step} request with HTTP ${answer.status}${code ? ` (code ${code})` : ""}${detail || `: ${answer.body.slice(0, 200)}`}`, code);
  return new AgrirouterOnboardingError("UNAVAILABLE", `agrirouter ${step} failed with HTTP ${answer.status}${code ? ` (code ${code})` : ""}; trying again later${detail}`, code);
}
