"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card } from "@tidewire/ui";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { LabelCodeError, parseLabelCode } from "@/onboarding/label-code";
import { useTRPC } from "@/trpc/client";
import { EepPicker } from "./eep-picker";

export interface DeviceFormValues {
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
export function DeviceForm({ mode, initial, secured }: { mode: "create" | "edit"; initial?: Partial<DeviceFormValues>; secured?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<DeviceFormValues>({
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

  return (
    <form onSubmit={submit} aria-label={mode === "create" ? "Onboard a device" : "Edit device"} className="tw-stack">
      {error ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      {mode === "create" ? (
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
            <label htmlFor="sourceEurid">EURID</label>
            <input
              id="sourceEurid"
              name="sourceEurid"
              className="tw-mono"
              placeholder="051b03c9"
              value={values.sourceEurid}
              onChange={(e) => set("sourceEurid", e.target.value)}
              readOnly={mode === "edit"}
              required
            />
            <span className="tw-hint">The sensor&apos;s 8-digit radio id (on its label).</span>
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
        <EepPicker value={values.eep} onChange={(eep) => set("eep", eep)} />
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
      <div className="tw-row">
        <button className="tw-button" type="submit" disabled={saving}>
          {saving ? "Saving…" : mode === "create" ? "Onboard device" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
