import mqtt, { type MqttClient } from "mqtt";
import type { AlarmTransition } from "@tidewire/db";
import type { HousekeepingLogger } from "./logger";

/** The internal account of the built-in broker (see apps/ingest's BuiltinBroker). */
export const INTERNAL_BROKER_USERNAME = "tidewire-internal";

/** Where an alarm goes on the built-in broker: the tenant sees it as alarms/{sourceEurid}. */
export function alarmTopic(tenantId: string, sourceEurid: string): string {
  return `tenants/${tenantId}/alarms/${sourceEurid}`;
}

/** The MQTT alarm message: what happened, to which device, since when. */
export function alarmMessage(t: AlarmTransition) {
  return {
    alarm: t.kind,
    state: t.state,
    sensor: { id: t.sourceEurid, friendlyId: t.friendlyId },
    message: t.message,
    details: t.details,
    raisedAt: Math.floor(Date.parse(t.raisedAt) / 1000),
    clearedAt: t.clearedAt ? Math.floor(Date.parse(t.clearedAt) / 1000) : null,
  };
}

/** Publishes alarm messages into tenants' topic spaces with the built-in broker's internal
 * account. Connects on first use and reconnects by itself. */
export class AlarmPublisher {
  private client?: MqttClient;

  constructor(
    private readonly options: { brokerUrl: string; internalSecret: string; log: HousekeepingLogger },
  ) {}

  private connect(): MqttClient {
    if (!this.client) {
      this.client = mqtt.connect(this.options.brokerUrl, {
        username: INTERNAL_BROKER_USERNAME,
        password: this.options.internalSecret,
        clientId: `tidewire-alarms-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
        reconnectPeriod: 2000,
        connectTimeout: 5000,
      });
      this.client.on("error", (err) => this.options.log.warn({ err: err.message }, "alarm publisher: broker connection problem"));
    }
    return this.client;
  }

  async publish(transitions: AlarmTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    const client = this.connect();
    for (const t of transitions) {
      await client.publishAsync(alarmTopic(t.tenantId, t.sourceEurid), JSON.stringify(alarmMessage(t)), { qos: 1 });
    }
  }

  async close(): Promise<void> {
    await this.client?.endAsync(true);
  }
}
