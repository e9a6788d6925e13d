/** Field names whose values never go into the audit log (or anywhere else). */
const SECRET_FIELD = /pass(word)?|secret|token|aes_?key|psk|connection_?string|private|credential|^key$/i;
/** Whole files and label codes: they may carry keys (an import's aesKey column, a label's Z
 * field), so only their size is recorded. */
const FILE_FIELD = /^(content|label|backup)$/;

/** What an audit entry records about a change: its input, with secrets replaced by "[set]" or
 * "[removed]", long lists summarised, and long strings cut. */
export function auditDetails(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (depth > 3) return "[…]";
  if (Array.isArray(value)) {
    if (value.length > 20) return `[${value.length} items]`;
    return value.map((v) => auditDetails(v, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (FILE_FIELD.test(k)) {
      out[k] = typeof v === "string" ? `[${v.length} characters]` : "[file]";
      continue;
    }
    if (SECRET_FIELD.test(k)) {
      if (v === undefined) continue;
      if (v && typeof v === "object" && !Array.isArray(v)) {
        // a map of secrets: record which were set, not their values
        out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, s === null || s === "" ? "[removed]" : "[set]"]));
      } else {
        out[k] = v === null || v === "" ? "[removed]" : "[set]";
      }
      continue;
    }
    out[k] = auditDetails(v, depth + 1);
  }
  return out;
}
