import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./relative-time";

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("says never for a device that has not been heard", () => {
    expect(formatRelativeTime(null, now)).toBe("never");
  });
  it("picks the unit that reads naturally", () => {
    expect(formatRelativeTime("2026-01-01T11:59:48Z", now)).toBe("12 s ago");
    expect(formatRelativeTime("2026-01-01T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelativeTime("2026-01-01T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelativeTime("2025-12-30T12:00:00Z", now)).toBe("2 d ago");
  });
});
