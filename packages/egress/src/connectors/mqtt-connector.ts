import type { IClientOptions } from "mqtt";
import type { z } from "zod";
import type { DeliveryMessage } from "../delivery-batch";
import { DeliveryError } from "../delivery-error";
import type { mqttConfigSchema, mqttSecretsSchema } from "../kinds/mqtt";
import { checkOutboundHost } from "../net/address-guard";
import { renderPayload } from "../payload/render-payload";
import { expandTopicTemplate } from "../topic-template";
import type { ConnectorContext, EgressConnector } from "./connector";
import { MqttSession } from "./mqtt-session";

type Config = z.output<typeof mqttConfigSchema>;
type Secrets = z.output<typeof mqttSecretsSchema>;

export function topicValues(tenantSlug: string, m: DeliveryMessage): Record<string, string> {
  return { tenant: tenantSlug, sourceEurid: m.sourceEurid, friendlyId: m.friendlyId, eep: m.eep, location: m.location };
}

/** Publishes to the tenant's own broker over mqtt, mqtts, ws or wss, with username/password or a
 * client certificate, on a topic made from the target's template. */
export class MqttConnector implements EgressConnector {
  private readonly session: MqttSession;
  private checked = false;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly config: Config,
    secrets: Secrets,
  ) {
    const options: IClientOptions = {
      // Every worker process that delivers for the target keeps its own connection: with one
      // client id for all of them, the broker would let each new connection take over the other
      // (and mqtt.js reconnect it), failing deliveries back and forth. A configured id is kept.
      clientId: config.clientId || `tidewire-${ctx.targetId}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      keepalive: config.keepaliveSeconds,
      clean: true,
      protocolVersion: 4,
      rejectUnauthorized: config.verifyCertificate,
      ...(config.username ? { username: config.username } : {}),
      ...(secrets.password ? { password: secrets.password } : {}),
      ...(config.caCertificate ? { ca: config.caCertificate } : {}),
      ...(secrets.clientCertificate ? { cert: secrets.clientCertificate, key: secrets.clientKey } : {}),
      ...(secrets.clientKeyPassphrase ? { passphrase: secrets.clientKeyPassphrase } : {}),
    };
    this.session = new MqttSession(config.url, options, ctx.timeoutMs ?? 10_000);
  }

  async connect(): Promise<void> {
    if (!this.checked) {
      await checkOutboundHost(new URL(this.config.url).hostname, this.ctx.allowPrivate);
      this.checked = true;
    }
    await this.session.ready();
  }

  async deliver(messages: DeliveryMessage[]): Promise<void> {
    await this.connect();
    await this.session.publishAll(
      messages.map((m) => ({
        topic: expandTopicTemplate(this.config.topic, topicValues(this.ctx.tenantSlug, m)),
        payload: JSON.stringify(renderPayload(this.ctx.payloadFormat, m)),
      })),
      { qos: this.config.qos, retain: this.config.retain },
    );
  }

  /** Publishes one probe message to check the topic is allowed (test connection). */
  async probeTopic(topic: string): Promise<void> {
    await this.connect();
    if (this.config.qos === 0) return;
    await this.session.publish(topic, JSON.stringify({ tidewire: "connection test", at: Date.now() }), { qos: 1 }).catch((err: unknown) => {
      if (err instanceof DeliveryError && err.stage === "timeout") throw new DeliveryError("topic", `the broker did not accept a message on ${topic}`);
      throw err;
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
