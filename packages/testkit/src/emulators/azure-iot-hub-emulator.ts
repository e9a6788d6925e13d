import { createHmac, X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { Aedes, type Client } from "aedes";
import { listenAedes, refuse } from "./aedes-server";
import { TestPki } from "./test-pki";

// A local Azure IoT Hub MQTT endpoint that checks what the hub checks (reference
// azure-iot-hub-mqtt.md §1–5): TLS, client id = device id, username
// "{hub}/{deviceId}/?api-version=…", a SAS token signed with the device's key (or a policy's key,
// skn) and not expired, or — without a password — a client certificate whose SHA-1/SHA-256
// thumbprint is registered; publishes only to devices/{deviceId}/messages/events/{property bag}.

export type HubDevice = { deviceId: string } & ({ key: string } | { thumbprint: string });

export interface HubMessage {
  deviceId: string;
  body: Record<string, unknown>;
  properties: Record<string, string>;
}

function verifySas(token: string, resourceUri: string, key: string, policyName?: string): string | null {
  if (!token.startsWith("SharedAccessSignature ")) return "not a shared access signature";
  const fields = new URLSearchParams(token.slice("SharedAccessSignature ".length));
  const sr = fields.get("sr");
  const sig = fields.get("sig");
  const se = fields.get("se");
  if (!sr || !sig || !se) return "sr, sig and se are required";
  if (decodeURIComponent(sr) !== resourceUri) return `token is for ${sr}`;
  if (Number(se) < Date.now() / 1000) return "token expired";
  if ((fields.get("skn") ?? undefined) !== policyName) return "wrong policy";
  // The string to sign uses the encoded sr exactly as it appears in the token.
  const encodedSr = /sr=([^&]+)/.exec(token.slice("SharedAccessSignature ".length))![1]!;
  const expected = createHmac("sha256", Buffer.from(key, "base64")).update(`${encodedSr}\n${se}`).digest("base64");
  return expected === sig ? null : "signature does not match";
}

export class AzureIotHubEmulator {
  readonly aedes = new Aedes();
  readonly pki = new TestPki("IoT Hub emulator CA");
  readonly devices = new Map<string, HubDevice>();
  readonly policies = new Map<string, string>();
  readonly messages: HubMessage[] = [];
  readonly refusals: string[] = [];
  /** refuse every connection with "server unavailable" (the hub is having a problem) */
  unavailable = false;
  hostName: string;
  port = 0;
  private server?: { close: () => Promise<void> };
  private readonly identities = new WeakMap<Client, string>();

  constructor(hubName = "tidewire-test") {
    this.hostName = `${hubName}.azure-devices.net`;
    this.aedes.authenticate = (client, username, password, done) => {
      const fail = (why: string, code = 5) => {
        this.refusals.push(why);
        refuse(done, code, why);
      };
      if (this.unavailable) return fail("unavailable", 3);
      const deviceId = client.id;
      const device = this.devices.get(deviceId);
      const prefix = `${this.hostName}/${deviceId}/?api-version=`;
      if (!username?.startsWith(prefix) || !/^\d{4}-\d{2}-\d{2}/.test(username.slice(prefix.length))) return fail(`bad username ${username}`, 4);
      const resourceUri = `${this.hostName}/devices/${deviceId}`;
      if (password && password.length) {
        const token = password.toString();
        const skn = new URLSearchParams(token.replace(/^SharedAccessSignature /, "")).get("skn");
        const problem = skn
          ? this.policies.has(skn) ? verifySas(token, resourceUri, this.policies.get(skn)!, skn) : "unknown policy"
          : device && "key" in device ? verifySas(token, resourceUri, device.key) : "unknown device";
        if (problem) return fail(problem);
        if (skn && !device) this.devices.set(deviceId, { deviceId, key: "" });
      } else {
        const cert = (client.conn as unknown as TLSSocket).getPeerX509Certificate?.();
        if (!cert || !device || !("thumbprint" in device)) return fail("no client certificate");
        const prints = [new X509Certificate(cert.raw).fingerprint, new X509Certificate(cert.raw).fingerprint256].map((p) => p.replace(/:/g, "").toUpperCase());
        if (!prints.includes(device.thumbprint.toUpperCase())) return fail("thumbprint does not match");
      }
      this.identities.set(client, deviceId);
      done(null, true);
    };
    this.aedes.authorizePublish = (client, packet, done) => {
      const deviceId = client && this.identities.get(client);
      const prefix = `devices/${deviceId}/messages/events/`;
      if (!deviceId || !packet.topic.startsWith(prefix)) return done(new Error("topic not allowed"));
      if (packet.qos === 2) return done(new Error("QoS 2 is not supported"));
      const properties = Object.fromEntries(new URLSearchParams(packet.topic.slice(prefix.length)));
      this.messages.push({ deviceId, body: JSON.parse(packet.payload.toString()), properties });
      done(null);
    };
    this.aedes.authorizeSubscribe = (client, sub, done) => {
      const deviceId = client && this.identities.get(client);
      const allowed = [`devices/${deviceId}/messages/devicebound/#`, "$iothub/twin/res/#", "$iothub/methods/POST/#", "$iothub/twin/PATCH/properties/desired/#"];
      done(null, allowed.includes(sub.topic) ? { ...sub, qos: Math.min(sub.qos, 1) as 0 | 1 } : null);
    };
  }

  /** host:port to give as GatewayHostName, so the SDK connects here instead of Azure. */
  get gatewayHostName(): string {
    return `localhost:${this.port}`;
  }

  async start(): Promise<void> {
    const server = this.pki.issue("localhost", "server");
    const listening = await listenAedes(this.aedes, { key: server.privateKey, cert: server.certificate, requestCert: true, rejectUnauthorized: false });
    this.port = listening.port;
    this.server = listening;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}
