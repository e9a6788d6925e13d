import { createPrivateKey, generateKeyPairSync, randomBytes, randomInt, randomUUID, X509Certificate } from "node:crypto";
import { TestPki } from "../test-pki";
import { MessageRouter, type EmulatedEndpoint, type ReceivedMessage } from "./message-router";
import { MessagingBroker } from "./messaging-broker";
import { RegistrationService, type EmulatedApplication, type OnboardingRequestBody } from "./registration-service";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/** The installation's side of a registered application: what AGRIROUTER_* would hold. */
export interface ApplicationCredentials {
  applicationId: string;
  certificationVersionId: string;
  /** PEM private key whose public key the emulator verifies signatures with */
  privateKey: string;
}

/** A local agrirouter: the registration service (HTTPS) that verifies signed onboarding
 * requests and registration codes and issues client certificates, and the MQTT endpoint (TLS with
 * those certificates) that reads the protobuf envelopes and answers on the commands topic. Both
 * use certificates of the emulator's own CA (`pki.ca.certificate`). */
export class AgrirouterEmulator {
  readonly pki = new TestPki("agrirouter emulator CA");
  readonly applications = new Map<string, EmulatedApplication>();
  readonly registrationCodes = new Map<string, { accountId: string }>();
  /** onboarded endpoints by deviceAlternateId (= MQTT client id) */
  readonly endpoints = new Map<string, EmulatedEndpoint>();
  readonly router: MessageRouter;
  readonly registration: RegistrationService;
  readonly broker: MessagingBroker;
  /** the emulated agrirouter's clock runs this far ahead of the machine's (negative: behind) */
  clockOffsetMs = 0;
  /** how far a request's UTCTimestamp may be from agrirouter's clock. Our sources say only that a
   * clock "ahead of or too far behind" agrirouter's makes the signature invalid; the real limit is
   * not documented, this one is the emulator's. */
  maxClockSkewMs = 5 * 60_000;
  registrationUrl = "";

  constructor() {
    const now = () => Date.now() + this.clockOffsetMs;
    this.router = new MessageRouter(now);
    const server = this.pki.issue("localhost", "server");
    this.registration = new RegistrationService(
      {
        now,
        maxClockSkewMs: () => this.maxClockSkewMs,
        applications: this.applications,
        registrationCodes: this.registrationCodes,
        onboard: (body, accountId) => this.onboard(body, accountId),
      },
      { key: server.privateKey, cert: server.certificate },
    );
    this.broker = new MessagingBroker(this.endpoints, this.router, { key: server.privateKey, cert: server.certificate, ca: this.pki.ca.certificate });
  }

  /** Registers an application with a fresh key pair, as in agrirouter's developer UI. */
  registerApplication(): ApplicationCredentials {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const credentials = { applicationId: randomUUID(), certificationVersionId: randomUUID(), privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
    this.applications.set(credentials.applicationId, {
      applicationId: credentials.applicationId,
      certificationVersionIds: [credentials.certificationVersionId],
      publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    });
    return credentials;
  }

  /** A 10-character registration code, as "+ Connection" in the control center makes one. */
  issueRegistrationCode(accountId: string = randomUUID()): string {
    const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    this.registrationCodes.set(code, { accountId });
    return code;
  }

  private onboard(body: OnboardingRequestBody, accountId: string): Record<string, unknown> {
    const deviceAlternateId = randomUUID();
    const issued = this.pki.issue(deviceAlternateId, "client");
    const secret = randomBytes(18).toString("base64url");
    const encryptedKey = createPrivateKey(issued.privateKey).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: secret }).toString();
    const endpoint: EmulatedEndpoint = {
      externalId: body.id,
      accountId,
      applicationId: body.applicationId,
      certificationVersionId: body.certificationVersionId,
      deviceAlternateId,
      sensorAlternateId: randomUUID(),
      capabilityAlternateId: randomUUID(),
      certificateFingerprint256: new X509Certificate(issued.certificate).fingerprint256,
      lastSeqNo: 0,
    };
    this.endpoints.set(deviceAlternateId, endpoint);
    // The documented MQTT example: port as a string, clientId = deviceAlternateId.
    return {
      deviceAlternateId,
      capabilityAlternateId: endpoint.capabilityAlternateId,
      sensorAlternateId: endpoint.sensorAlternateId,
      connectionCriteria: {
        gatewayId: body.gatewayId,
        ...(body.gatewayId === "2"
          ? { measures: `measures/${deviceAlternateId}`, commands: `commands/${deviceAlternateId}`, host: "localhost", port: String(this.broker.port), clientId: deviceAlternateId }
          : { measures: `${this.registrationUrl}/iot/gateway/rest/measures/${deviceAlternateId}`, commands: `${this.registrationUrl}/iot/gateway/rest/commands/${deviceAlternateId}` }),
      },
      authentication: { type: "PEM", secret, certificate: `${encryptedKey}${issued.certificate}` },
    };
  }

  /** Accepted requests, capabilities included, in arrival order. */
  get received(): ReceivedMessage[] {
    return this.router.received;
  }

  /** Accepted data messages' JSON payloads (optionally of one endpoint), in arrival order. */
  telemetry(endpointId?: string): unknown[] {
    return this.router.received.filter((m) => m.technicalMessageType !== "dke:capabilities" && (!endpointId || m.endpointId === endpointId)).map((m) => m.json);
  }

  get violations(): string[] {
    return this.router.violations;
  }

  async start(): Promise<void> {
    const port = await this.registration.listen();
    this.registrationUrl = `https://localhost:${port}`;
    await this.broker.start();
  }

  async close(): Promise<void> {
    await this.broker.stop();
    await this.registration.close();
  }
}
