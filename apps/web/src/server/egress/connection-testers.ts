import "server-only";
import type { Services } from "../services";
import type { ConnectionTestResult, TargetUnderTest } from "./connection-test";
import { MqttConnectionTester } from "./mqtt-connection-test";

/** Tests a target with the tester of its kind. MQTT brokers are tested here; the built-in broker
 * through the internal account; other kinds once their connectors (packages/egress) land. */
export async function testTargetConnection(s: Services, target: TargetUnderTest): Promise<ConnectionTestResult> {
  switch (target.kind) {
    case "MQTT":
      return new MqttConnectionTester({ allowPrivate: s.config.ALLOW_PRIVATE_EGRESS }).test(target);
    case "BUILTIN_MQTT": {
      if (!s.config.BROKER_INTERNAL_SECRET) {
        return { ok: false, stage: "unsupported", message: "this portal has no BROKER_INTERNAL_SECRET, so it cannot reach the built-in broker", durationMs: 0 };
      }
      // The built-in broker is ours: reach it with the internal account and publish the probe
      // into the tenant's own topic space.
      const topic = String(target.config.topic ?? "devices/{sourceEurid}/telemetry");
      return new MqttConnectionTester({ allowPrivate: true }).test({
        ...target,
        config: { url: s.config.BROKER_INTERNAL_URL, topic: `tenants/${target.tenantId}/${topic}`, username: "tidewire-internal", qos: 1 },
        secrets: { password: s.config.BROKER_INTERNAL_SECRET },
      });
    }
    default:
      return { ok: false, stage: "unsupported", message: `connection tests for ${target.kind} come with its delivery connector`, durationMs: 0 };
  }
}
