"use client";
import { useState } from "react";

/** A secret shown exactly once (new API key, gateway token, invitation link), with a copy
 * button and a plain warning that it will not be shown again. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="tw-secret-once" role="status">
      <div className="tw-secret-once-head">
        <strong>{label}</strong>
        <span>Copy it now: it is not shown again.</span>
      </div>
      <code className="tw-secret-once-value" data-testid="secret-value">
        {value}
      </code>
      <div className="tw-secret-once-actions">
        <button
          type="button"
          className="tw-button tw-button-secondary tw-button-small"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        {onDone ? (
          <button type="button" className="tw-button tw-button-small" onClick={onDone}>
            Done
          </button>
        ) : null}
      </div>
    </div>
  );
}
