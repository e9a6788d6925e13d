import { createHash, randomBytes } from "node:crypto";
import { Aedes, type Client } from "aedes";
import { listenAedes, refuse } from "./aedes-server";

// A local EnOS IoT Hub over MQTT that checks what EnOS checks (reference enos-mqtt.md §2–5):
// the client id format, the username, the SHA-256 password over the sorted CONNECT fields plus
// the device or product secret, dynamic activation (securemode=3) pushing the device secret on
// /ext/session/{pk}/{dk}/thing/activate/info, and the measure-point post envelope with a reply.

export interface EnosProduct {
  productKey: string;
  productSecret: string;
  dynamicActivation: boolean;
  /** measure point identifiers of the product's thing model */
  measurePoints: string[];
}

export interface EnosDevice {
  productKey: string;
  deviceKey: string;
  deviceSecret: string;
  activated: boolean;
}

/** An independent implementation of the password rule, to check Tidewire's against. */
export function enosExpectedPassword(fields: { clientId: string; deviceKey: string; productKey: string; timestamp: string }, secret: string): string {
  const content = `clientId${fields.clientId}deviceKey${fields.deviceKey}productKey${fields.productKey}timestamp${fields.timestamp}`;
  return createHash("sha256").update(content + secret).digest("hex").toUpperCase();
}

export class EnosEmulator {
  readonly aedes = new Aedes();
  readonly products = new Map<string, EnosProduct>();
  readonly devices = new Map<string, EnosDevice>();
  /** accepted measure-point posts, per device */
  readonly posts: { productKey: string; deviceKey: string; measurepoints: Record<string, unknown>; time?: number }[] = [];
  readonly logins: { secureMode: number; deviceKey: string }[] = [];
  /** answer posts with this code instead of 200 (an EnOS that has a problem) */
  failWithCode: number | null = null;
  private readonly sessions = new WeakMap<Client, { productKey: string; deviceKey: string; secureMode: number }>();
  url = "";
  private server?: { port: number; close: () => Promise<void> };

  constructor() {
    this.aedes.authenticate = (client, username, password, done) => {
      const m = /^(.{1,64})\|securemode=(2|3),signmethod=sha256,timestamp=(\d{13})\|$/.exec(client.id);
      if (!m) return refuse(done, 2, "client id format");
      const [, clientId, mode, timestamp] = m as unknown as [string, string, string, string];
      const [deviceKey, productKey] = (username ?? "").split("&");
      const device = this.devices.get(`${productKey}/${deviceKey}`);
      const product = this.products.get(productKey ?? "");
      if (!device || !product) return refuse(done, 4, "unknown device");
      const secureMode = Number(mode);
      let secret: string;
      if (secureMode === 3) {
        if (!product.dynamicActivation || device.activated) return refuse(done, 5, "dynamic activation not allowed");
        secret = product.productSecret;
      } else secret = device.deviceSecret;
      if (password?.toString() !== enosExpectedPassword({ clientId, deviceKey: deviceKey!, productKey: productKey!, timestamp }, secret)) return refuse(done, 4, "bad password");
      this.sessions.set(client, { productKey: productKey!, deviceKey: deviceKey!, secureMode });
      this.logins.push({ secureMode, deviceKey: deviceKey! });
      done(null, true);
    };
    this.aedes.authorizeSubscribe = (client, sub, done) => {
      const s = client && this.sessions.get(client);
      if (!s) return done(new Error("no session"), null);
      const own = sub.topic.startsWith(`/sys/${s.productKey}/${s.deviceKey}/`) || sub.topic.startsWith(`/ext/session/${s.productKey}/${s.deviceKey}/`);
      done(null, own ? sub : null);
    };
    this.aedes.on("subscribe", (subs, client) => {
      const s = client && this.sessions.get(client);
      if (!s || s.secureMode !== 3) return;
      const topic = `/ext/session/${s.productKey}/${s.deviceKey}/thing/activate/info`;
      if (!subs.some((sub) => sub.topic === topic)) return;
      const device = this.devices.get(`${s.productKey}/${s.deviceKey}`)!;
      device.deviceSecret = randomBytes(8).toString("hex");
      device.activated = true;
      const body = { id: "1", version: "1.0", method: "thing.activate.info", params: { assetId: "asset-1", productKey: s.productKey, deviceKey: s.deviceKey, deviceSecret: device.deviceSecret } };
      this.aedes.publish({ cmd: "publish", topic, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false, dup: false }, () => {});
    });
    this.aedes.authorizePublish = (client, packet, done) => {
      const s = client && this.sessions.get(client);
      if (!s) return done(new Error("no session"));
      if (!packet.topic.startsWith(`/sys/${s.productKey}/${s.deviceKey}/`) && !packet.topic.startsWith(`/ext/session/${s.productKey}/${s.deviceKey}/`)) return done(new Error("not this device's topic"));
      done(null);
      if (packet.topic === `/sys/${s.productKey}/${s.deviceKey}/thing/measurepoint/post`) this.onPost(s, packet.payload.toString());
    };
  }

  private onPost(s: { productKey: string; deviceKey: string }, payload: string) {
    const reply = (body: Record<string, unknown>) =>
      this.aedes.publish({ cmd: "publish", topic: `/sys/${s.productKey}/${s.deviceKey}/thing/measurepoint/post_reply`, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false, dup: false }, () => {});
    let request: { id?: unknown; version?: unknown; method?: unknown; params?: { measurepoints?: Record<string, unknown>; time?: number } };
    try {
      request = JSON.parse(payload);
    } catch {
      return reply({ id: null, code: 400, message: "payload is not JSON" });
    }
    if (typeof request.id !== "string" || request.version !== "1.0" || request.method !== "thing.measurepoint.post" || !request.params?.measurepoints)
      return reply({ id: request.id ?? null, code: 400, message: "bad request envelope" });
    if (this.failWithCode !== null) return reply({ id: request.id, code: this.failWithCode, message: "service unavailable" });
    const product = this.products.get(s.productKey)!;
    const unknown = Object.keys(request.params.measurepoints).filter((k) => !product.measurePoints.includes(k));
    if (unknown.length) return reply({ id: request.id, code: 1220, message: `unknown measure points: ${unknown.join(",")}` });
    this.posts.push({ productKey: s.productKey, deviceKey: s.deviceKey, measurepoints: request.params.measurepoints, ...(request.params.time ? { time: request.params.time } : {}) });
    reply({ id: request.id, code: 200, data: "" });
  }

  async start(): Promise<void> {
    this.server = await listenAedes(this.aedes);
    this.url = `mqtt://127.0.0.1:${(this.server as { port: number }).port}`;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}
