"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, KeyValueList, SecretOnce } from "@tidewire/ui";
import { useEffect, useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";

const STATUS_TONE = { CONNECTED: "ok", FAILING: "bad", DISABLED: "warn", UNKNOWN: "info" } as const;

/** The Things Stack: the webhook address and secret (shown once), and the MQTT integration
 * settings with the subscription's status and last error. */
export function IntegrationsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const tts = useQuery(trpc.integrations.tts.queryOptions(undefined, { refetchInterval: 10_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.tts.queryKey() });
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.integrations.rotateTtsWebhookSecret.mutationOptions({
      onSuccess: (r) => (setSecret(r.secret), void refresh()),
    }),
  );
  const revoke = useMutation(
    trpc.integrations.revokeTtsWebhookSecret.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const save = useMutation(
    trpc.integrations.saveTtsMqtt.mutationOptions({ onSuccess: () => (setApiKey(""), void refresh()) }),
  );
  const [mqtt, setMqtt] = useState({ enabled: false, url: "mqtts://eu1.cloud.thethings.network:8883", username: "" });
  const [apiKey, setApiKey] = useState("");
  const loaded = tts.data;
  useEffect(() => {
    if (loaded)
      setMqtt({
        enabled: loaded.mqtt.enabled,
        url: loaded.mqtt.url ?? "mqtts://eu1.cloud.thethings.network:8883",
        username: loaded.mqtt.username ?? "",
      });
  }, [loaded?.mqtt.enabled, loaded?.mqtt.url, loaded?.mqtt.username]);

  if (tts.error) return <div className="tw-alert tw-alert-bad">{errorText(tts.error)}</div>;
  if (!loaded) return <div className="tw-empty">Loading…</div>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...mqtt, ...(apiKey ? { apiKey } : {}) });
  };

  return (
    <div className="tw-stack">
      <Card title="The Things Stack — webhook">
        <p className="tw-hint" style={{ marginTop: 0 }}>
          In The Things Stack console: your application → Integrations → Webhooks → Add webhook → Custom webhook.
          Webhook format <strong>JSON</strong>, base URL below, enable <strong>Uplink message</strong> (path empty or{" "}
          <code>/uplink</code>), and add the header below.
        </p>
        <KeyValueList
          items={[
            [
              "Base URL",
              <code key="url" data-testid="tts-webhook-url">
                {loaded.webhook.url}
              </code>,
            ],
            [
              "Secret",
              loaded.webhook.configured ? (
                <span key="s">
                  set (starts with <code>{loaded.webhook.secretHint}</code>)
                </span>
              ) : (
                "not set — the webhook is off"
              ),
            ],
            ["Last uplink", formatRelativeTime(loaded.lastUplinkAt)],
          ]}
        />
        {secret ? (
          <div data-testid="tts-webhook-secret">
            <SecretOnce
              label="Header value (Authorization)"
              value={`Bearer ${secret}`}
              onDone={() => setSecret(null)}
            />
          </div>
        ) : null}
        {rotate.error ? <div className="tw-alert tw-alert-bad">{errorText(rotate.error)}</div> : null}
        {canWrite ? (
          <div className="tw-row">
            <button type="button" className="tw-button" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
              {loaded.webhook.configured ? "Replace the secret" : "Create the webhook secret"}
            </button>
            {loaded.webhook.configured ? (
              <button
                type="button"
                className="tw-button tw-button-danger"
                onClick={() => revoke.mutate()}
                disabled={revoke.isPending}
              >
                Turn the webhook off
              </button>
            ) : null}
          </div>
        ) : null}
      </Card>

      <Card title="The Things Stack — MQTT integration">
        <p className="tw-hint" style={{ marginTop: 0 }}>
          Tidewire subscribes to your application&apos;s uplinks (
          <code>{loaded.mqtt.topic ?? "v3/{application}@{tenant}/devices/+/up"}</code>). In the console: your
          application → Integrations → MQTT shows the address and username; generate an API key there.
        </p>
        <div className="tw-row" style={{ gap: 8, marginBottom: 12 }}>
          Status <Badge tone={STATUS_TONE[loaded.mqtt.status]}>{loaded.mqtt.status.toLowerCase()}</Badge>
          {loaded.mqtt.connectedAt ? (
            <span className="tw-hint">connected {formatRelativeTime(loaded.mqtt.connectedAt)}</span>
          ) : null}
        </div>
        {loaded.mqtt.lastError ? (
          <div className="tw-alert tw-alert-bad" data-testid="tts-mqtt-error">
            Last error ({formatRelativeTime(loaded.mqtt.lastErrorAt)}): {loaded.mqtt.lastError}
          </div>
        ) : null}
        {save.error ? <div className="tw-alert tw-alert-bad">{errorText(save.error)}</div> : null}
        <form onSubmit={submit} aria-label="TTS MQTT integration">
          <div className="tw-field-row">
            <div className="tw-field">
              <label htmlFor="tts-url">Server address</label>
              <input
                id="tts-url"
                className="tw-mono"
                value={mqtt.url}
                onChange={(e) => setMqtt((m) => ({ ...m, url: e.target.value }))}
                required
                disabled={!canWrite}
              />
            </div>
            <div className="tw-field">
              <label htmlFor="tts-username">Username</label>
              <input
                id="tts-username"
                className="tw-mono"
                placeholder="office-sensors@ttn"
                value={mqtt.username}
                onChange={(e) => setMqtt((m) => ({ ...m, username: e.target.value }))}
                required
                disabled={!canWrite}
              />
            </div>
            <div className="tw-field">
              <label htmlFor="tts-api-key">API key (password)</label>
              <input
                id="tts-api-key"
                className="tw-mono"
                type="password"
                autoComplete="off"
                placeholder={loaded.mqtt.apiKeySet ? "stored — type to replace" : "NNSXS.…"}
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
                disabled={!canWrite}
              />
              <span className="tw-hint">Write-only: stored encrypted, never shown again.</span>
            </div>
          </div>
          <label className="tw-check">
            <input
              type="checkbox"
              checked={mqtt.enabled}
              onChange={(e) => setMqtt((m) => ({ ...m, enabled: e.target.checked }))}
              disabled={!canWrite}
            />{" "}
            Subscribe
          </label>
          {canWrite ? (
            <button className="tw-button" type="submit" disabled={save.isPending}>
              Save
            </button>
          ) : null}
        </form>
      </Card>

      <Card title="Small devices">
        <p className="tw-hint" style={{ marginTop: 0 }}>
          Devices onboarded as &quot;small device&quot; post{" "}
          <code>{'{"iv": "<base64>", "ct": "<base64>", "mac": "<base64>"}'}</code> to:
        </p>
        <code data-testid="small-device-url">{loaded.smallDeviceUrl}</code>
        <p className="tw-hint">
          AES-128-CBC with PKCS#7 under the device&apos;s key; the JSON carries an increasing SEQN. See
          docs/small-devices.md.
        </p>
      </Card>
    </div>
  );
}
