"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card } from "@tidewire/ui";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { LabelCodeError, parseLabelCode } from "@/onboarding/label-code";
import { useTRPC } from "@/trpc/client";
import { PAYLOAD_DECODER_LABELS, PAYLOAD_DECODERS, type PayloadDecoderName } from "@tidewire/uplinks/decoder-names";
import { EepPicker } from "./eep-picker";

export type DeviceKind = "ENOCEAN" | "LORAWAN" | "SMALL_DEVICE";

const KINDS: [DeviceKind, string][] = [
  ["ENOCEAN", "EnOcean sensor (radio, through gateways)"],
  ["LORAWAN", "LoRaWAN end device (through The Things Stack)"],
  ["SMALL_DEVICE", "Small device posting encrypted JSON (ESP8266-class)"],
];

const ID_FIELD: Record<DeviceKind, { label: string; placeholder: string; hint: string }> = {
  ENOCEAN: { label: "EURID", placeholder: "051b03c9", hint: "The sensor's 8-digit radio id (on its label)." },
  LORAWAN: { label: "DevEUI", placeholder: "70B3D57ED0000001", hint: "The end device's 16-digit DevEUI, as The Things Stack shows it." },
  SMALL_DEVICE: { label: "Device id", placeholder: "esp-kitchen", hint: "Letters, digits, _ - . — the device posts to …/small-devices/<tenant>/<id>/uplink." },
};

export interface DeviceFormValues {
  kind: DeviceKind;
  payloadDecoder: PayloadDecoderName;
  ttsApplicationId: string;
  hmacKey: string;
  sourceEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string;
  active: boolean;
  expectedIntervalSec: string;
  isPTM: boolean;
  aesKey: string;
  slf: string;
}

const SLF_CHOICES = [
  ["f3", "F3 — 32-bit explicit rolling code, 4-byte CMAC, VAES (standard)"],
  ["ab", "AB — 24-bit rolling code sent, 3-byte CMAC, VAES"],
  ["cb", "CB — 32-bit counter, 24 bits sent, 3-byte CMAC, VAES"],
  ["8b", "8B — 24-bit implicit rolling code, 3-byte CMAC, VAES (PTM)"],
] as const;

/** Onboards a device, or edits one. Key material is write-only: the form never shows a stored
 * key, and leaving the key empty when editing keeps it. */
export function DeviceForm({
  mode,
  initial,
  secured,
  hmacKeySet,
}: {
  mode: "create" | "edit";
  initial?: Partial<DeviceFormValues>;
  secured?: boolean;
  hmacKeySet?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<DeviceFormValues>({
    kind: initial?.kind ?? ((params.get("kind") as DeviceKind | null) ?? "ENOCEAN"),
    payloadDecoder: initial?.payloadDecoder ?? "tts",
    ttsApplicationId: initial?.ttsApplicationId ?? "",
    hmacKey: "",
    sourceEurid: initial?.sourceEurid ?? params.get("eurid") ?? "",
    eep: initial?.eep ?? params.get("eep") ?? "",
    friendlyId: initial?.friendlyId ?? "",
    location: initial?.location ?? "",
    tags: initial?.tags ?? "",
    active: initial?.active ?? true,
    expectedIntervalSec: initial?.expectedIntervalSec ?? "",
    isPTM: initial?.isPTM ?? false,
    aesKey: "",
    slf: initial?.slf ?? "",
  });
  const [label, setLabel] = useState("");
  const [labelNote, setLabelNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [removeKey, setRemoveKey] = useState(false);
  const [removeHmac, setRemoveHmac] = useState(false);
  const set = <K extends keyof DeviceFormValues>(key: K, value: DeviceFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const onSaved = async (device: { sourceEurid: string }) => {
    await queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() });
    router.push(`/devices/${device.sourceEurid}`);
  };
  const create = useMutation(trpc.devices.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.devices.update.mutationOptions({ onSuccess: onSaved }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  // The label is read here, in the browser: the key goes from the pasted text into the form
  // and from there, once, to the server.
  function readLabel() {
    try {
      const code = parseLabelCode(label);
      setValues((v) => ({
        ...v,
        sourceEurid: code.sourceEurid,
        ...(code.aesKey ? { aesKey: code.aesKey, slf: v.slf || "f3" } : {}),
        ...(code.name && !v.friendlyId ? { friendlyId: code.name } : {}),
      }));
      setLabelNote({
        ok: true,
        text: `Read EURID ${code.sourceEurid}${code.aesKey ? " and its security key" : ""}${code.orderingCode ? ` (${code.orderingCode})` : ""}. Choose the EEP and check the SLF.`,
      });
    } catch (e) {
      setLabelNote({ ok: false, text: e instanceof LabelCodeError ? e.message : String(e) });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const tags = values.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const interval = values.expectedIntervalSec.trim() ? Number(values.expectedIntervalSec) : null;
    if (values.kind !== "ENOCEAN") return submitOtherKind(tags, interval);
    const common = {
      eep: values.eep,
      friendlyId: values.friendlyId,
      location: values.location,
      tags,
      active: values.active,
      isPTM: values.isPTM,
      expectedIntervalSec: interval,
    };
    if (mode === "create") {
      create.mutate({
        ...common,
        sourceEurid: values.sourceEurid,
        ...(values.aesKey ? { aesKey: values.aesKey, slf: values.slf } : {}),
      });
    } else {
      update.mutate({
        ...common,
        sourceEurid: values.sourceEurid,
        ...(values.aesKey ? { aesKey: values.aesKey, slf: values.slf } : removeKey ? { aesKey: null, slf: null } : values.slf ? { slf: values.slf } : {}),
      });
    }
  }

  // LoRaWAN and small devices: no EEP, no SLF; their own fields (keys write-only).
  function submitOtherKind(tags: string[], interval: number | null) {
    const common = {
      friendlyId: values.friendlyId,
      location: values.location,
      tags,
      active: values.active,
      expectedIntervalSec: interval,
      ...(values.kind === "LORAWAN"
        ? { payloadDecoder: values.payloadDecoder, ttsApplicationId: values.ttsApplicationId.trim() || null }
        : {
            ...(values.aesKey ? { aesKey: values.aesKey } : {}),
            ...(values.hmacKey ? { hmacKey: values.hmacKey } : removeHmac ? { hmacKey: null } : {}),
          }),
    };
    if (mode === "create") create.mutate({ ...common, kind: values.kind, sourceEurid: values.sourceEurid });
    else update.mutate({ ...common, sourceEurid: values.sourceEurid });
  }

  const idField = ID_FIELD[values.kind];
  return (
    <form onSubmit={submit} aria-label={mode === "create" ? "Onboard a device" : "Edit device"} className="tw-stack">
      {error ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      {mode === "create" ? (
        <Card title="Kind">
          <div className="tw-field">
            <label htmlFor="kind">What kind of device</label>
            <select id="kind" name="kind" value={values.kind} onChange={(e) => set("kind", e.target.value as DeviceKind)}>
              {KINDS.map(([v, text]) => (
                <option key={v} value={v}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        </Card>
      ) : null}
      {mode === "create" && values.kind === "ENOCEAN" ? (
        <Card title="From the product label (optional)">
          <div className="tw-field">
            <label htmlFor="label">Label code</label>
            <textarea
              id="label"
              rows={2}
              placeholder="30S01700100+Z0123456789ABCDEF0123456789ABCDEF+30PS3271-A215+2PDA03+S01432902018866"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            />
            <span className="tw-hint">The text of the QR code on the device or its box, scanned with any QR reader or typed. Its EURID and security key fill the form.</span>
          </div>
          <button type="button" className="tw-button tw-button-secondary" onClick={readLabel} disabled={!label.trim()}>
            Read label
          </button>
          {labelNote ? (
            <div className={`tw-alert ${labelNote.ok ? "tw-alert-ok" : "tw-alert-bad"}`} style={{ marginTop: 10 }} role="status">
              {labelNote.text}
            </div>
          ) : null}
        </Card>
      ) : null}
      <Card title="Device">
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="sourceEurid">{idField.label}</label>
            <input
              id="sourceEurid"
              name="sourceEurid"
              className="tw-mono"
              placeholder={idField.placeholder}
              value={values.sourceEurid}
              onChange={(e) => set("sourceEurid", e.target.value)}
              readOnly={mode === "edit"}
              required
            />
            <span className="tw-hint">{idField.hint}</span>
          </div>
          <div className="tw-field">
            <label htmlFor="friendlyId">Friendly id</label>
            <input id="friendlyId" name="friendlyId" maxLength={64} value={values.friendlyId} onChange={(e) => set("friendlyId", e.target.value)} />
          </div>
          <div className="tw-field">
            <label htmlFor="location">Location</label>
            <input id="location" name="location" maxLength={64} value={values.location} onChange={(e) => set("location", e.target.value)} placeholder="Level 2 / Room 221" />
          </div>
        </div>
        {values.kind === "ENOCEAN" ? <EepPicker value={values.eep} onChange={(eep) => set("eep", eep)} /> : null}
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="tags">Tags</label>
            <input id="tags" name="tags" value={values.tags} onChange={(e) => set("tags", e.target.value)} placeholder="floor-2, hvac" />
            <span className="tw-hint">Comma-separated; egress targets can filter on them.</span>
          </div>
          <div className="tw-field">
            <label htmlFor="expectedIntervalSec">Expected interval (seconds)</label>
            <input
              id="expectedIntervalSec"
              name="expectedIntervalSec"
              type="number"
              min={1}
              value={values.expectedIntervalSec}
              onChange={(e) => set("expectedIntervalSec", e.target.value)}
              placeholder="e.g. 600"
            />
            <span className="tw-hint">Silent for twice this long raises an alarm. Empty: no silence alarm.</span>
          </div>
        </div>
        <label className="tw-check">
          <input type="checkbox" name="active" checked={values.active} onChange={(e) => set("active", e.target.checked)} />
          Active: process its telegrams (clear it while the sensor is not at its final place)
        </label>
      </Card>
      {values.kind === "LORAWAN" ? (
        <Card title="LoRaWAN">
          <div className="tw-field-row">
            <div className="tw-field">
              <label htmlFor="payloadDecoder">Payload decoder</label>
              <select id="payloadDecoder" name="payloadDecoder" value={values.payloadDecoder} onChange={(e) => set("payloadDecoder", e.target.value as PayloadDecoderName)}>
                {PAYLOAD_DECODERS.map((d) => (
                  <option key={d} value={d}>
                    {PAYLOAD_DECODER_LABELS[d]}
                  </option>
                ))}
              </select>
              <span className="tw-hint">Used when The Things Stack sends no decoded_payload; a TTS payload formatter always wins.</span>
            </div>
            <div className="tw-field">
              <label htmlFor="ttsApplicationId">TTS application id</label>
              <input id="ttsApplicationId" name="ttsApplicationId" maxLength={100} value={values.ttsApplicationId} onChange={(e) => set("ttsApplicationId", e.target.value)} placeholder="office-sensors" />
              <span className="tw-hint">Optional, for your reference. Uplinks arrive through Settings → Integrations.</span>
            </div>
          </div>
        </Card>
      ) : null}
      {values.kind === "SMALL_DEVICE" ? (
        <Card title="Keys (write-only)">
          {mode === "edit" && secured ? <div className="tw-alert tw-alert-info">An AES key is stored. It is never shown; type a new one to replace it.</div> : null}
          <div className="tw-field-row">
            <div className="tw-field">
              <label htmlFor="aesKey">AES-128 key</label>
              <input id="aesKey" name="aesKey" className="tw-mono" type="password" autoComplete="off" placeholder="32 hex digits" value={values.aesKey} onChange={(e) => set("aesKey", e.target.value)} required={mode === "create"} />
              <span className="tw-hint">The key the device encrypts with (AES-128-CBC, PKCS#7). Stored encrypted, never shown again.</span>
            </div>
            <div className="tw-field">
              <label htmlFor="hmacKey">HMAC-SHA256 key (recommended)</label>
              <input id="hmacKey" name="hmacKey" className="tw-mono" type="password" autoComplete="off" placeholder="64 hex digits" value={values.hmacKey} onChange={(e) => set("hmacKey", e.target.value)} />
              <span className="tw-hint">With a key set, every message must carry mac = HMAC-SHA256(iv‖ct): CBC alone does not detect tampering.</span>
              {mode === "edit" && hmacKeySet ? (
                <label className="tw-check">
                  <input type="checkbox" checked={removeHmac} onChange={(e) => setRemoveHmac(e.target.checked)} /> Remove the HMAC key
                </label>
              ) : null}
            </div>
          </div>
        </Card>
      ) : null}
      {values.kind === "ENOCEAN" ? (
        <Card title="Security (secure devices only)">
        {mode === "edit" && secured ? (
          <div className="tw-alert tw-alert-info">
            A key is stored for this device. It is never shown; type a new one to replace it.
            <label className="tw-check" style={{ marginTop: 8, marginBottom: 0 }}>
              <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} /> Remove the key
            </label>
          </div>
        ) : null}
        <div className="tw-field-row">
          <div className="tw-field">
            <label htmlFor="aesKey">AES key</label>
            <input
              id="aesKey"
              name="aesKey"
              className="tw-mono"
              type="password"
              autoComplete="off"
              placeholder="32 hex digits"
              value={values.aesKey}
              onChange={(e) => set("aesKey", e.target.value)}
            />
            <span className="tw-hint">Write-only: stored encrypted, never shown again.</span>
          </div>
          <div className="tw-field">
            <label htmlFor="slf">SLF (security level format)</label>
            <select id="slf" name="slf" value={values.slf} onChange={(e) => set("slf", e.target.value)}>
              <option value="">None (not secure)</option>
              {SLF_CHOICES.map(([v, text]) => (
                <option key={v} value={v}>
                  {text}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="tw-check">
          <input type="checkbox" name="isPTM" checked={values.isPTM} onChange={(e) => set("isPTM", e.target.checked)} />
          PTM module (pushbutton transmitter with security)
        </label>
        </Card>
      ) : null}
      <div className="tw-row">
        <button className="tw-button" type="submit" disabled={saving}>
          {saving ? "Saving…" : mode === "create" ? "Onboard device" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
