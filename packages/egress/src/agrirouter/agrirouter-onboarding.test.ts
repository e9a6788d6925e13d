import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signOnboardingBody } from "./agrirouter-onboarding";
import { AgrirouterOnboardingError, onboardingFailure } from "./agrirouter-onboarding-error";

const SIGNING_HEADER_INVALID = '{"error":{"code":"0110","message":"Signing header is invalid, the request has timedout, or UTCTimestamp is not provided","target":"","details":[]}}';

describe("agrirouter onboarding", () => {
  it("signs the exact body with RSA-SHA256 as lower-case hex that the application's public key verifies", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const body = '{"id":"urn:myapp:snr00003234","gatewayId":"2"}';
    const signature = signOnboardingBody(body, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    expect(signature).toMatch(/^[0-9a-f]{512}$/);
    expect(verify("sha256", Buffer.from(body), publicKey, Buffer.from(signature, "hex"))).toBe(true);
    expect(verify("sha256", Buffer.from(`${body} `), publicKey, Buffer.from(signature, "hex"))).toBe(false);
  });

  it("blames a refused signature on the clock when agrirouter's Date is far from the request's time stamp", () => {
    const sentAt = Date.parse("2026-03-01T10:00:00Z");
    const error = onboardingFailure("onboarding", { status: 401, body: SIGNING_HEADER_INVALID, date: "Sun, 01 Mar 2026 10:10:00 GMT", sentAt }, "app-1");
    expect(error).toBeInstanceOf(AgrirouterOnboardingError);
    expect(error).toMatchObject({ reason: "CLOCK_SKEW", agrirouterCode: "0110", stage: "onboarding", code: "AGRIROUTER_CLOCK_SKEW" });
    expect(error.message).toMatch(/clock is 600 s behind agrirouter's/);
    const ahead = onboardingFailure("verification", { status: 401, body: SIGNING_HEADER_INVALID, date: "Sun, 01 Mar 2026 09:58:00 GMT", sentAt });
    expect(ahead.message).toMatch(/clock is 120 s ahead of agrirouter's/);
  });

  it("blames a refused signature on the key when the clocks agree", () => {
    const sentAt = Date.parse("2026-03-01T10:00:00Z");
    const error = onboardingFailure("verification", { status: 401, body: SIGNING_HEADER_INVALID, date: "Sun, 01 Mar 2026 10:00:01 GMT", sentAt }, "app-1");
    expect(error).toMatchObject({ reason: "SIGNATURE", agrirouterCode: "0110" });
    expect(error.message).toMatch(/AGRIROUTER_PRIVATE_KEY.*application app-1/);
    expect(onboardingFailure("onboarding", { status: 401, body: '{"error":{"code":"107","message":"invalid signature"}}' })).toMatchObject({ reason: "SIGNATURE" });
  });

  it("reads any other 401 as an unknown, expired or used registration code", () => {
    const error = onboardingFailure("verification", { status: 401, body: '{"error":{"code":"X1","message":"registration code unknown"}}' });
    expect(error).toMatchObject({ reason: "REGISTRATION_CODE", agrirouterCode: "X1" });
    expect(error.message).toMatch(/wrong, expired or already used/);
    expect(onboardingFailure("onboarding", { status: 401, body: "not json" })).toMatchObject({ reason: "REGISTRATION_CODE", agrirouterCode: undefined });
  });

  it("keeps server errors retryable and request errors not", () => {
    expect(onboardingFailure("onboarding", { status: 503, body: "" })).toMatchObject({ reason: "UNAVAILABLE", retryable: true });
    expect(onboardingFailure("onboarding", { status: 400, body: '{"error":{"code":"0200","message":"bad body"}}' })).toMatchObject({ reason: "REQUEST", retryable: false });
  });
});
