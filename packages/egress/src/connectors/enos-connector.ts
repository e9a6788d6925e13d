import mqtt, { type MqttClient } from "mqtt";
import type { z } from "zod";
import type { DeliveryMessage } from "../delivery-batch";
import { classifyConnectError, DeliveryError } from "../delivery-error";
import { enosConnectFields, enosTopics } from "../enos/enos-sign";
import { enosStateSchema, type enosConfigSchema, type enosSecretsSchema } from "../kinds/enos";
import { checkOutboundHost } from "../net/address-guard";
import { messageTimeMs } from "../payload/render-payload";
import { publishPipelined } from "./pipelined-publish";
import { withTimeout, type ConnectorContext, type EgressConnector } from "./connector";

type Config = z.output<typeof enosConfigSchema>;
type Secrets = z.output<typeof enosSecretsSchema>;

interface Reply {
  id?: unknown;
  code?: unknown;
  message?: unknown;
}

/** Measure points of one message: EnOcean telemetry keys renamed by the target's map. */
export function measurePointsOf(m: DeliveryMessage, config: Pick<Config, "measurePointMap" | "unmappedKeys">): Record<string, unknown> {
  const data = ((m.message.telemetry ?? {}) as { data?: { key?: unknown; value?: unknown }[] }).data ?? [];
  const points: Record<string, unknown> = {};
  for (const entry of data) {
    if (typeof entry.key !== "string") continue;
    const name = config.measurePointMap[entry.key] ?? (config.unmappedKeys === "send" ? entry.key : undefined);
    if (name) points[name] = entry.value;
  }
  return points;
}

/** EnOS over MQTT: signed CONNECT (securemode 2, or 3 once to activate and fetch the device
 * secret), measure points posted to /sys/{pk}/{dk}/thing/measurepoint/post and every reply
 * checked for code 200. Each connection signs a fresh timestamp, so reconnects are ours. */
export class EnosConnector implements EgressConnector {
  private client?: MqttClient;
  private nextId = 1;
  private readonly pending = new Map<string, (reply: Reply) => void>();
  private deviceSecret?: string;
  private checked = false;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly config: Config,
    private readonly secrets: Secrets,
  ) {
    const state = enosStateSchema.safeParse(ctx.state);
    this.deviceSecret = config.activation === "static" ? secrets.deviceSecret : state.success ? state.data.deviceSecret : undefined;
  }

  private get timeoutMs() {
    return this.ctx.timeoutMs ?? this.config.replyTimeoutSeconds * 1000;
  }

  private get url(): string {
    const u = new URL(this.config.url);
    if (u.protocol === "tcp:") return this.config.url.replace(/^tcp:/, "mqtt:");
    if (u.protocol === "ssl:") return this.config.url.replace(/^ssl:/, "mqtts:");
    return this.config.url;
  }

  private open(secureMode: 2 | 3, secret: string): Promise<MqttClient> {
    const fields = enosConnectFields({
      clientId: this.config.clientId ?? this.config.deviceKey,
      deviceKey: this.config.deviceKey,
      productKey: this.config.productKey,
      timestamp: Date.now(),
      secret,
      secureMode,
    });
    const client = mqtt.connect(this.url, {
      ...fields,
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 0,
      connectTimeout: this.timeoutMs,
      ...(this.config.caCertificate ? { ca: this.config.caCertificate } : {}),
    });
    return withTimeout(
      new Promise<MqttClient>((resolve, reject) => {
        client.once("connect", () => resolve(client));
        client.once("error", (err) => {
          client.end(true);
          reject(classifyConnectError(err));
        });
        client.once("close", () => reject(new DeliveryError("tcp", "EnOS closed the connection")));
      }),
      this.timeoutMs,
      () => {
        client.end(true);
        return new DeliveryError("timeout", `no connection to EnOS within ${this.timeoutMs} ms`);
      },
    );
  }

  /** securemode=3: log in with the product secret, receive the device secret on the activation
   * topic, keep it (sealed) and answer; later logins use securemode=2 with it. */
  private async activate(): Promise<string> {
    if (!this.secrets.productSecret) throw new DeliveryError("config", "dynamic activation needs the product secret", false);
    const client = await this.open(3, this.secrets.productSecret);
    const topics = enosTopics(this.config.productKey, this.config.deviceKey);
    try {
      const info = withTimeout(
        new Promise<{ id?: string; params: { deviceSecret: string; assetId?: string } }>((resolve) => {
          client.on("message", (topic, payload) => {
            if (topic !== topics.activateInfo) return;
            try {
              const body = JSON.parse(payload.toString()) as { id?: string; params?: { deviceSecret?: string; assetId?: string } };
              if (body.params?.deviceSecret) resolve(body as { id?: string; params: { deviceSecret: string; assetId?: string } });
            } catch {}
          });
        }),
        this.timeoutMs,
        () => new DeliveryError("auth", "EnOS sent no device secret after dynamic activation (is dynamic activation enabled for the product, and the device not yet activated?)"),
      );
      const granted = await client.subscribeAsync(topics.activateInfo, { qos: 1 });
      if (granted.some((g) => g.qos === 128)) throw new DeliveryError("topic", `EnOS refused the subscription to ${topics.activateInfo}`);
      const body = await info;
      await client.publishAsync(`${topics.activateInfo}_reply`, JSON.stringify({ id: body.id ?? "1", code: 200, data: "" }), { qos: 1 }).catch(() => {});
      const state = { deviceSecret: body.params.deviceSecret, ...(body.params.assetId ? { assetId: body.params.assetId } : {}) };
      await this.ctx.saveState?.(state);
      this.ctx.log.info({ targetId: this.ctx.targetId }, "EnOS device activated; device secret stored");
      return state.deviceSecret;
    } finally {
      await client.endAsync(true).catch(() => {});
    }
  }

  async connect(): Promise<void> {
    if (this.client?.connected) return;
    if (!this.checked) {
      await checkOutboundHost(new URL(this.url).hostname, this.ctx.allowPrivate);
      this.checked = true;
    }
    this.deviceSecret ??= await this.activate();
    const client = await this.open(2, this.deviceSecret);
    const replyTopic = `${enosTopics(this.config.productKey, this.config.deviceKey).measurePointPost}_reply`;
    client.on("message", (topic, payload) => {
      if (topic !== replyTopic) return;
      try {
        const reply = JSON.parse(payload.toString()) as Reply;
        this.pending.get(String(reply.id))?.(reply);
      } catch {}
    });
    client.on("close", () => {
      if (this.client === client) this.client = undefined;
    });
    client.on("error", () => {});
    const granted = await client.subscribeAsync(replyTopic, { qos: 1 });
    if (granted.some((g) => g.qos === 128)) {
      await client.endAsync(true);
      throw new DeliveryError("topic", `EnOS refused the subscription to ${replyTopic}`);
    }
    this.client = client;
  }

  async deliver(messages: DeliveryMessage[]): Promise<void> {
    await this.connect();
    const client = this.client!;
    const topic = enosTopics(this.config.productKey, this.config.deviceKey).measurePointPost;
    const replies: Promise<Reply>[] = [];
    const posts: { id: string; body: string }[] = [];
    const sent = new Set<string>();
    try {
      for (const m of messages) {
        const measurepoints = measurePointsOf(m, this.config);
        if (Object.keys(measurepoints).length === 0) continue;
        const id = String(this.nextId++);
        replies.push(
          withTimeout(
            new Promise<Reply>((resolve) => this.pending.set(id, resolve)),
            this.timeoutMs,
            () => new DeliveryError("timeout", `EnOS did not answer message ${id} within ${this.timeoutMs} ms`),
          ).finally(() => this.pending.delete(id)),
        );
        posts.push({ id, body: JSON.stringify({ id, version: "1.0", method: "thing.measurepoint.post", params: { measurepoints, time: messageTimeMs(m) } }) });
      }
      // Pipelined on the one connection (in order): one acknowledgement round trip per message
      // held EnOS delivery to about ten posts a second.
      await publishPipelined(posts, (post) => {
        sent.add(post.id);
        return client.publishAsync(topic, post.body, { qos: 1 }).then(() => undefined);
      });
      const answered = await Promise.all(replies);
      const failed = answered.find((r) => r.code !== 200);
      if (failed) throw new DeliveryError("rejected", `EnOS answered code ${String(failed.code)}: ${String(failed.message ?? "")}`);
    } catch (err) {
      // Posts never sent get no answer: settle them now rather than at their timeout.
      for (const post of posts) if (!sent.has(post.id)) this.pending.get(post.id)?.({ id: post.id, code: null, message: "not sent" });
      await Promise.allSettled(replies);
      if (!(err instanceof DeliveryError) || err.stage !== "rejected") {
        this.client = undefined;
        await client.endAsync(true).catch(() => {});
      }
      throw err instanceof DeliveryError ? err : classifyConnectError(err);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.endAsync(true).catch(() => {});
  }
}
