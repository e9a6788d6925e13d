import { describe, expect, it } from "vitest";
import { auditDetails } from "./audit-details";

describe("audit details", () => {
  it("record that a secret was set or removed, never its value", () => {
    expect(auditDetails({ sourceEurid: "051b03c9", aesKey: "3a0c1b30b0a822a17a28fd01d77abdae", slf: "f3" })).toEqual({ sourceEurid: "051b03c9", aesKey: "[set]", slf: "f3" });
    expect(auditDetails({ secrets: { password: "p", caCert: null } })).toEqual({ secrets: { password: "[set]", caCert: "[removed]" } });
    expect(auditDetails({ name: "x", password: "hunter2-long" })).toEqual({ name: "x", password: "[set]" });
  });

  it("record only the size of files and label codes, which may carry keys", () => {
    const csv = "sourceEurid,eep,aesKey,slf\n051b03c9,A5-09-09,3a0c1b30b0a822a17a28fd01d77abdae,f3";
    expect(auditDetails({ format: "csv", content: csv })).toEqual({ format: "csv", content: `[${csv.length} characters]` });
    expect(auditDetails({ label: "30S01700100+Z0123456789ABCDEF0123456789ABCDEF", eep: "F6-02-01" })).toEqual({ label: "[45 characters]", eep: "F6-02-01" });
    expect(JSON.stringify(auditDetails({ backup: { Connections: [{ AESKey: "79afcbc5b288fb2c6edf1ffd47b590af" }] } }))).not.toContain("79afcbc5");
  });

  it("summarise long lists and cut long text", () => {
    expect(auditDetails({ macs: Array.from({ length: 50 }, (_, i) => String(i)) })).toEqual({ macs: "[50 items]" });
    expect((auditDetails({ note: "x".repeat(500) }) as { note: string }).note).toHaveLength(201);
  });
});
