import type { z } from "zod";
import { INTERNAL_USERNAME, mountTopic } from "../builtin/tenant-mount";
import type { DeliveryMessage } from "../delivery-batch";
import { DeliveryError } from "../delivery-error";
import type { builtinMqttConfigSchema } from "../kinds/builtin-mqtt";
import { renderPayload } from "../payload/render-payload";
import { expandTopicTemplate } from "../topic-template";
import type { ConnectorContext, EgressConnector } from "./connector";
import { topicValues } from "./mqtt-connector";
import { MqttSession } from "./mqtt-session";

type Config = z.output<typeof builtinMqttConfigSchema>;

/** Delivers to Tidewire's own broker: publishes into the tenant's mounted topic space with the
 * internal account, so the tenant's clients see e.g. devices/051b03c9/telemetry. */
export class BuiltinBrokerConnector implements EgressConnector {
  private readonly session: MqttSession;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly config: Config,
  ) {
    if (!ctx.builtin) throw new DeliveryError("config", "the built-in broker's address is not configured", false);
    this.session = new MqttSession(
      ctx.builtin.url,
      {
        username: INTERNAL_USERNAME,
        password: ctx.builtin.internalSecret,
        clientId: `tidewire-egress-${ctx.targetId}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      },
      ctx.timeoutMs ?? 5000,
    );
  }

  async connect(): Promise<void> {
    await this.session.ready();
  }

  async deliver(messages: DeliveryMessage[]): Promise<void> {
    const outgoing = messages.map((m) => {
      const relative = expandTopicTemplate(this.config.topic, topicValues(this.ctx.tenantSlug, m));
      const topic = mountTopic(this.ctx.tenantId, relative);
      if (!topic) throw new DeliveryError("topic", `topic ${relative} is not allowed`, false);
      return { topic, payload: JSON.stringify(renderPayload(this.ctx.payloadFormat, m)) };
    });
    await this.session.publishAll(outgoing, { qos: this.config.qos, retain: this.config.retain });
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
