import type { z } from "zod";
import {
  capabilitiesPayload,
  decodeResponse,
  encodeRequest,
  jsonPayload,
  messageIdFor,
  RESPONSE_TYPES,
  type DecodedResponse,
} from "../agrirouter/agrirouter-messages";
import { onboardAgrirouterEndpoint } from "../agrirouter/agrirouter-onboarding";
import type { DeliveryMessage } from "../delivery-batch";
import { DeliveryError } from "../delivery-error";
import { agrirouterStateSchema, type AgrirouterState, type agrirouterConfigSchema, type agrirouterSecretsSchema } from "../kinds/agrirouter";
import { checkOutboundHost } from "../net/address-guard";
import { renderPayload } from "../payload/render-payload";
import { withTimeout, type ConnectorContext, type EgressConnector } from "./connector";
import { MqttSession } from "./mqtt-session";

type Config = z.output<typeof agrirouterConfigSchema>;
type Secrets = z.output<typeof agrirouterSecretsSchema>;

/** agrirouter as a telemetry endpoint: onboarded once from the tenant's registration code (the
 * answer kept sealed), then MQTT with the onboarded client certificate: the capabilities message
 * first, telemetry as measures, every message's result read from the commands topic. */
export class AgrirouterConnector implements EgressConnector {
  private state?: AgrirouterState;
  private session?: MqttSession;
  /** mqtt.js subscribes again after every reconnect; the first SUBSCRIBE is ours */
  private subscribed = false;
  private readonly waiting = new Map<string, (r: DecodedResponse) => void>();
  private seq = Date.now() * 1000;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly config: Config,
    private readonly secrets: Secrets,
  ) {
    const parsed = agrirouterStateSchema.safeParse(ctx.state);
    if (parsed.success) this.state = parsed.data;
  }

  private get timeoutMs() {
    return this.ctx.timeoutMs ?? this.config.ackTimeoutSeconds * 1000;
  }

  private get externalId() {
    return this.config.externalId || `urn:tidewire:${this.ctx.tenantSlug}:${this.ctx.targetId}`;
  }

  private async onboard(): Promise<AgrirouterState> {
    const app = this.ctx.agrirouter;
    if (!app) throw new DeliveryError("config", "this installation has no agrirouter application (AGRIROUTER_APPLICATION_ID, AGRIROUTER_CERTIFICATION_VERSION_ID, AGRIROUTER_PRIVATE_KEY)", false);
    if (!this.secrets.registrationCode) throw new DeliveryError("config", "enter a registration code from the agrirouter control center", false);
    await checkOutboundHost(new URL(app.registrationUrl).hostname, this.ctx.allowPrivate);
    const result = await onboardAgrirouterEndpoint({ app, registrationCode: this.secrets.registrationCode, externalId: this.externalId, timeZone: this.config.timeZone, timeoutMs: this.timeoutMs });
    const state: AgrirouterState = { ...(result.accountId ? { accountId: result.accountId } : {}), onboarding: result.onboarding };
    await this.ctx.saveState?.(state);
    this.ctx.log.info({ targetId: this.ctx.targetId, endpoint: result.onboarding.deviceAlternateId }, "agrirouter endpoint onboarded");
    return state;
  }

  private onCommand(payload: Buffer) {
    let items: unknown;
    try {
      items = JSON.parse(payload.toString("utf8"));
    } catch {
      return;
    }
    for (const item of Array.isArray(items) ? items : [items]) {
      const message = (item as { command?: { message?: unknown } })?.command?.message;
      if (typeof message !== "string") continue;
      try {
        const response = decodeResponse(message);
        this.waiting.get(response.applicationMessageId)?.(response);
      } catch (err) {
        this.ctx.log.warn({ targetId: this.ctx.targetId, err: (err as Error).message }, "unreadable agrirouter command message");
      }
    }
  }

  async connect(): Promise<void> {
    this.state ??= await this.onboard();
    const onboarding = this.state.onboarding;
    if (!this.session) {
      const host = onboarding.connectionCriteria.host!;
      await checkOutboundHost(host, this.ctx.allowPrivate);
      const port = Number(onboarding.connectionCriteria.port ?? 8883);
      const auth = onboarding.authentication;
      this.session = new MqttSession(
        `mqtts://${host}:${port}`,
        {
          clientId: onboarding.connectionCriteria.clientId ?? onboarding.deviceAlternateId,
          clean: true,
          keepalive: 60,
          protocolVersion: 4,
          cert: auth.certificate,
          key: auth.certificate,
          ...(this.ctx.agrirouter?.caCertificate ? { ca: this.ctx.agrirouter.caCertificate } : {}),
          // mqtt.js hands TLS options through; its type does not list the key's passphrase.
          ...({ passphrase: auth.secret } as object),
        },
        this.timeoutMs,
        (topic, payload) => {
          if (topic === onboarding.connectionCriteria.commands) this.onCommand(payload);
        },
      );
    }
    await this.session.ready();
    if (!this.subscribed) {
      await this.session.subscribe(onboarding.connectionCriteria.commands);
      this.subscribed = true;
    }
    if (!this.state.capabilitiesSentAt) {
      // Must be the first message after onboarding (and after any change of capabilities).
      const app = this.ctx.agrirouter!;
      await this.send([
        {
          id: messageIdFor(`capabilities:${Date.now()}`),
          type: "dke:capabilities",
          mode: "DIRECT",
          payload: capabilitiesPayload({ applicationId: app.applicationId, certificationVersionId: app.certificationVersionId, technicalMessageTypes: [this.config.technicalMessageType] }),
          at: Date.now(),
        },
      ]);
      this.state = { ...this.state, capabilitiesSentAt: Date.now() };
      await this.ctx.saveState?.(this.state);
    }
  }

  private async send(items: { id: string; type: string; mode: "DIRECT" | "PUBLISH" | "PUBLISH_WITH_DIRECT"; payload: { typeUrl: string; value: Uint8Array }; at: number }[]) {
    const onboarding = this.state!.onboarding;
    const answers = items.map((item) =>
      withTimeout(
        new Promise<DecodedResponse>((resolve) => this.waiting.set(item.id, resolve)),
        this.timeoutMs,
        () => new DeliveryError("timeout", `agrirouter did not acknowledge ${item.type} within ${this.timeoutMs} ms`),
      ).finally(() => this.waiting.delete(item.id)),
    );
    const measures = items.map((item) => [
      encodeRequest(
        { applicationMessageId: item.id, seqNo: ++this.seq, technicalMessageType: item.type, mode: item.mode, recipients: item.mode === "PUBLISH" ? [] : this.config.recipients, timestamp: item.at },
        item.payload,
      ),
      Math.floor(item.at / 1000),
    ]);
    const wrapper = { sensorAlternateId: onboarding.sensorAlternateId, capabilityAlternateId: onboarding.capabilityAlternateId, measures };
    try {
      await this.session!.publish(onboarding.connectionCriteria.measures, JSON.stringify(wrapper), { qos: 1 });
      const results = await Promise.all(answers);
      const failed = results.find((r) => r.type === RESPONSE_TYPES.ACK_WITH_FAILURE || r.responseCode >= 400);
      if (failed) {
        const detail = failed.messages.map((m) => `${m.messageCode}: ${m.message}`).join("; ");
        throw new DeliveryError("rejected", `agrirouter answered ${failed.responseCode}${detail ? ` (${detail})` : ""}`);
      }
    } catch (err) {
      await Promise.allSettled(answers);
      throw err;
    }
  }

  async deliver(messages: DeliveryMessage[]): Promise<void> {
    await this.connect();
    await this.send(
      messages.map((m) => ({
        id: messageIdFor(m.telegramId, this.ctx.targetId),
        type: this.config.technicalMessageType,
        mode: this.config.mode,
        payload: jsonPayload(renderPayload(this.ctx.payloadFormat, m)),
        at: Date.now(),
      })),
    );
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
    this.subscribed = false;
  }
}
