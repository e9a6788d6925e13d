import azureCommon from "azure-iot-common";
import azureDevice from "azure-iot-device";
import azureMqtt from "azure-iot-device-mqtt";
import type { z } from "zod";
import { parseAzureConnectionString, type AzureConnectionString } from "../azure/connection-string";
import { createSasToken, deviceResourceUri } from "../azure/sas-token";
import type { DeliveryMessage } from "../delivery-batch";
import { DeliveryError } from "../delivery-error";
import type { azureIotHubConfigSchema, azureIotHubSecretsSchema } from "../kinds/azure-iot-hub";
import { checkOutboundHost } from "../net/address-guard";
import { renderPayload } from "../payload/render-payload";
import { expandTopicTemplate } from "../topic-template";
import { withTimeout, type ConnectorContext, type EgressConnector } from "./connector";
import { topicValues } from "./mqtt-connector";

// The SDK packages are CommonJS: take their exports from the default import.
const { Client, Message, X509AuthenticationProvider, SharedAccessSignatureAuthenticationProvider } = azureDevice;
const { Mqtt } = azureMqtt;
const { NoRetry } = azureCommon;
type HubClient = InstanceType<typeof Client>;

type Config = z.output<typeof azureIotHubConfigSchema>;
type Secrets = z.output<typeof azureIotHubSecretsSchema>;

const TOKEN_LIFETIME_S = 3600;
const MAX_DEVICE_CONNECTIONS = 64;

interface DeviceConnection {
  client: HubClient;
  open: boolean;
  tokenExpiry: number;
  lastUsed: number;
}

/** Azure IoT Hub through azure-iot-device and its MQTT transport. One connection for the single
 * hub device, or a bounded pool of connections (one per sensor device) signed with a shared
 * access policy. Each message carries content type/encoding, the telegram id as message id and
 * the eep/sourceEurid as properties. */
export class AzureIotHubConnector implements EgressConnector {
  private readonly connections = new Map<string, DeviceConnection>();
  private readonly cs?: AzureConnectionString;
  private readonly hostName: string;
  private checked = false;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly config: Config,
    private readonly secrets: Secrets,
  ) {
    if (config.auth === "sas") {
      this.cs = parseAzureConnectionString(secrets.connectionString ?? "");
      this.hostName = this.cs.hostName;
      if (config.identity === "perSensor" && !this.cs.sharedAccessKeyName)
        throw new DeliveryError("config", "one device per sensor needs a shared access policy connection string (SharedAccessKeyName=…)", false);
      if (config.identity === "single" && !this.cs.deviceId) throw new DeliveryError("config", "the connection string names no DeviceId", false);
    } else {
      this.hostName = config.hostName!;
    }
  }

  private get timeoutMs() {
    return this.ctx.timeoutMs ?? 20_000;
  }

  private get gatewayHostName(): string | undefined {
    return this.config.gatewayHostName ?? this.cs?.gatewayHostName;
  }

  private deviceIdFor(m: DeliveryMessage | undefined): string {
    if (this.config.identity === "perSensor") {
      if (!m) throw new DeliveryError("config", "no sensor to connect as", false);
      return expandTopicTemplate(this.config.deviceIdTemplate, topicValues(this.ctx.tenantSlug, m));
    }
    return this.config.auth === "x509" ? this.config.deviceId! : this.cs!.deviceId!;
  }

  private connectionString(deviceId: string, token?: string): string {
    const parts = [`HostName=${this.hostName}`, `DeviceId=${deviceId}`];
    parts.push(token ? `SharedAccessSignature=${token}` : `SharedAccessKey=${this.cs!.sharedAccessKey}`);
    if (this.gatewayHostName) parts.push(`GatewayHostName=${this.gatewayHostName}`);
    return parts.join(";");
  }

  private policyToken(deviceId: string): { token: string; expiry: number } {
    const cs = this.cs!;
    const expiry = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
    const token = createSasToken({ resourceUri: deviceResourceUri(cs.hostName, deviceId), key: cs.sharedAccessKey!, expiry, policyName: cs.sharedAccessKeyName! });
    return { token, expiry };
  }

  private async connection(deviceId: string): Promise<DeviceConnection> {
    if (!this.checked) {
      await checkOutboundHost((this.gatewayHostName ?? this.hostName).replace(/:\d+$/, ""), this.ctx.allowPrivate);
      this.checked = true;
    }
    let conn = this.connections.get(deviceId);
    const perSensor = this.config.identity === "perSensor";
    if (!conn) {
      if (this.connections.size >= MAX_DEVICE_CONNECTIONS) await this.closeLeastRecentlyUsed();
      let client: HubClient;
      let tokenExpiry = Number.POSITIVE_INFINITY;
      // The SDK's token and certificate providers are built here (not from a connection string)
      // because only that way they keep a GatewayHostName (IoT Edge).
      const gateway = this.gatewayHostName ? { gatewayHostName: this.gatewayHostName } : {};
      if (perSensor || this.cs?.sharedAccessSignature) {
        let token = this.cs?.sharedAccessSignature ?? "";
        if (perSensor) {
          const signed = this.policyToken(deviceId);
          token = signed.token;
          tokenExpiry = signed.expiry;
        }
        const provider = new SharedAccessSignatureAuthenticationProvider({ host: this.hostName, deviceId, sharedAccessSignature: token, ...gateway } as never);
        client = Client.fromAuthenticationProvider(provider, Mqtt);
      } else if (this.config.auth === "x509") {
        const provider = new X509AuthenticationProvider({ host: this.hostName, deviceId, x509: { cert: this.secrets.certificate!, key: this.secrets.privateKey! }, ...gateway } as never);
        client = Client.fromAuthenticationProvider(provider, Mqtt);
      } else {
        client = Client.fromConnectionString(this.connectionString(deviceId), Mqtt);
      }
      // Delivery retries with its own backoff and circuit breaker; the SDK's own retries would
      // hold a batch for minutes.
      client.setRetryPolicy(new NoRetry());
      const options: Record<string, unknown> = {};
      if (this.config.caCertificate) options.ca = this.config.caCertificate;
      if (Object.keys(options).length) await client.setOptions(options as never);
      conn = { client, open: false, tokenExpiry, lastUsed: Date.now() };
      const c = conn;
      client.on("disconnect", () => {
        c.open = false;
      });
      client.on("error", () => {
        c.open = false;
      });
      this.connections.set(deviceId, conn);
    }
    conn.lastUsed = Date.now();
    if (perSensor && conn.tokenExpiry - Date.now() / 1000 < 300) {
      // Renew before the hub disconnects us; the SDK reconnects with the new token.
      const { token, expiry } = this.policyToken(deviceId);
      conn.tokenExpiry = expiry;
      if (conn.open) await conn.client.updateSharedAccessSignature(token);
      else {
        await conn.client.close().catch(() => {});
        this.connections.delete(deviceId);
        return this.connection(deviceId);
      }
    }
    if (!conn.open) {
      await withTimeout(conn.client.open(), this.timeoutMs, () => new DeliveryError("timeout", `IoT Hub did not answer within ${this.timeoutMs} ms`)).catch(
        (err: unknown) => {
          throw hubError(err);
        },
      );
      conn.open = true;
    }
    return conn;
  }

  private async closeLeastRecentlyUsed() {
    let oldest: [string, DeviceConnection] | undefined;
    for (const entry of this.connections) if (!oldest || entry[1].lastUsed < oldest[1].lastUsed) oldest = entry;
    if (!oldest) return;
    this.connections.delete(oldest[0]);
    await oldest[1].client.close().catch(() => {});
  }

  async connect(): Promise<void> {
    if (this.config.identity === "perSensor") {
      // No sensor to connect as: check the policy signs and the host resolves.
      this.policyToken("connection-test");
      await checkOutboundHost((this.gatewayHostName ?? this.hostName).replace(/:\d+$/, ""), this.ctx.allowPrivate);
      return;
    }
    await this.connection(this.deviceIdFor(undefined));
  }

  async deliver(messages: DeliveryMessage[]): Promise<void> {
    for (const m of messages) {
      const deviceId = this.deviceIdFor(m);
      const conn = await this.connection(deviceId);
      const message = new Message(JSON.stringify(renderPayload(this.ctx.payloadFormat, m)));
      message.contentType = "application/json";
      message.contentEncoding = "utf-8";
      // The telegram id as message id lets consumers drop the duplicates at-least-once brings.
      message.messageId = m.telegramId;
      if (this.config.messageProperties) {
        message.properties.add("eep", m.eep);
        message.properties.add("sourceEurid", m.sourceEurid);
      }
      try {
        await withTimeout(conn.client.sendEvent(message), this.timeoutMs, () => new DeliveryError("timeout", `IoT Hub did not acknowledge within ${this.timeoutMs} ms`));
      } catch (err) {
        conn.open = false;
        await conn.client.close().catch(() => {});
        this.connections.delete(deviceId);
        throw hubError(err);
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.client.close().catch(() => {})));
  }
}

/** The SDK's errors, in test-connection stages. */
function hubError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { name?: string; message?: string; transportError?: { code?: string | number; message?: string } };
  const inner = e.transportError;
  const text = `${e.message ?? String(err)}${inner?.message ? ` (${inner.message})` : ""}`;
  if (e.name === "UnauthorizedError" || inner?.code === 5 || inner?.code === 4) return new DeliveryError("auth", `IoT Hub refused the credentials: ${text}`);
  const code = typeof inner?.code === "string" ? inner.code : "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new DeliveryError("dns", `IoT Hub host not found: ${text}`);
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EHOSTUNREACH") return new DeliveryError("tcp", `cannot reach IoT Hub: ${text}`);
  if (/certificate|tls|ssl|self.signed/i.test(text) || code.includes("CERT")) return new DeliveryError("tls", `TLS with IoT Hub failed: ${text}`);
  if (e.name === "TimeoutError") return new DeliveryError("timeout", text);
  return new DeliveryError("protocol", `IoT Hub: ${text}`);
}
