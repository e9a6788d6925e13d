import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { checkEgressHost, EgressAddressError } from "./address-policy";
import type { ConnectionTester, ConnectionTestResult, ConnectionTestStage, TargetUnderTest } from "./connection-test";

const CONNECT_TIMEOUT_MS = 6000;
const ECHO_WAIT_MS = 2500;

/** The probe's topic: the target's template with every placeholder filled with a test value. */
export function probeTopic(template: string, tenantSlug: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name === "tenant" ? tenantSlug : "tidewire-connection-test"));
}

function stageOf(error: Error & { code?: string | number }): ConnectionTestStage {
  // CONNACK refusals: 4/5 in MQTT 3.1.1, 134/135 in MQTT 5.
  if ([4, 5, 134, 135].includes(Number(error.code)) || /not authori[sz]ed|bad user ?name or password/i.test(error.message)) return "auth";
  if (/CERT|SSL|TLS|self[- ]signed|unable to verify|EPROTO|certificate/i.test(`${error.code ?? ""} ${error.message}`)) return "tls";
  if (/ETIMEDOUT|timeout/i.test(`${error.code ?? ""} ${error.message}`)) return "timeout";
  return "connect";
}

/** Connects to a tenant's MQTT broker with the target's settings, subscribes to and publishes a
 * probe on the target's topic, and says which step failed. */
export class MqttConnectionTester implements ConnectionTester {
  constructor(private readonly options: { allowPrivate: boolean }) {}

  async test(target: TargetUnderTest): Promise<ConnectionTestResult> {
    const started = Date.now();
    const fail = (stage: ConnectionTestStage, message: string): ConnectionTestResult => ({ ok: false, stage, message, durationMs: Date.now() - started });
    const config = target.config as { url?: string; topic?: string; qos?: 0 | 1 | 2; clientId?: string; username?: string; rejectUnauthorized?: boolean };
    if (!config.url) return fail("config", "the target has no broker URL");
    if (target.secrets.password && !config.username) return fail("config", "a password needs a user name (MQTT sends a password only with one)");
    let url: URL;
    try {
      url = new URL(config.url);
    } catch {
      return fail("config", `${config.url} is not a URL`);
    }
    try {
      await checkEgressHost(url.hostname.replace(/^\[|\]$/g, ""), this.options.allowPrivate);
    } catch (error) {
      if (error instanceof EgressAddressError) return fail(error.stage, error.message);
      throw error;
    }
    const options: IClientOptions = {
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      clientId: `${config.clientId ?? "tidewire"}-test-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      rejectUnauthorized: config.rejectUnauthorized ?? true,
      ...(config.username ? { username: config.username } : {}),
      ...(target.secrets.password ? { password: target.secrets.password } : {}),
      ...(target.secrets.caCert ? { ca: target.secrets.caCert } : {}),
      ...(target.secrets.clientCert ? { cert: target.secrets.clientCert } : {}),
      ...(target.secrets.clientKey ? { key: target.secrets.clientKey } : {}),
    };
    let client: MqttClient | undefined;
    try {
      client = await new Promise<MqttClient>((resolve, reject) => {
        const c = mqtt.connect(config.url!, options);
        const timer = setTimeout(() => {
          c.end(true);
          reject(Object.assign(new Error(`no answer from ${url.host} within ${CONNECT_TIMEOUT_MS / 1000} s`), { code: "ETIMEDOUT" }));
        }, CONNECT_TIMEOUT_MS + 500);
        c.once("connect", () => {
          clearTimeout(timer);
          resolve(c);
        });
        c.once("error", (err) => {
          clearTimeout(timer);
          c.end(true);
          reject(err);
        });
        c.once("close", () => {
          clearTimeout(timer);
          reject(new Error(`${url.host} closed the connection (wrong protocol, or the broker refused the client)`));
        });
      });
    } catch (error) {
      const err = error as Error & { code?: string | number };
      return fail(stageOf(err), err.message);
    }
    try {
      const topic = probeTopic(config.topic ?? "tidewire/test", target.tenantSlug);
      let echoed = false;
      const echo = new Promise<void>((resolve) => {
        client!.on("message", (t) => {
          if (t === topic) {
            echoed = true;
            resolve();
          }
        });
      });
      try {
        const granted = await client.subscribeAsync(topic, { qos: 1 });
        if (granted.some((g) => g.qos === 128)) throw new Error("the broker refused the subscription");
      } catch {
        // Many brokers allow publishing but not subscribing; publishing is what delivery needs.
      }
      try {
        await client.publishAsync(topic, JSON.stringify({ tidewire: "connection test", at: new Date().toISOString() }), { qos: config.qos === 0 ? 0 : 1 });
      } catch (error) {
        return fail("topic", `publishing to ${topic} failed: ${(error as Error).message}`);
      }
      await Promise.race([echo, new Promise((r) => setTimeout(r, ECHO_WAIT_MS))]);
      return {
        ok: true,
        durationMs: Date.now() - started,
        detail: echoed
          ? `connected to ${url.host} and received the probe published on ${topic}`
          : `connected to ${url.host} and published a probe on ${topic} (the broker did not send it back to us; subscribing may not be allowed)`,
      };
    } finally {
      await client.endAsync(true).catch(() => {});
    }
  }
}
