import { beforeAll, describe, expect, it } from "vitest";
import { createTenantFixture, type TenantFixture } from "@tidewire/testkit";
import { callerAs, sessionOf } from "../../testing/callers";
import { services } from "../../services";

let fx: TenantFixture;
let admin: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  fx = await createTenantFixture(services().db, "import");
  admin = await callerAs(sessionOf(fx.admin));
});

const csv = (rows: string[]) => ["sourceEurid,eep,friendlyId,location,tags,aesKey,slf", ...rows].join("\n");

describe("device import", () => {
  it("checks the whole file in a dry run, lists each row's problem, and writes nothing", async () => {
    const preview = await admin.deviceImport.preview({
      format: "csv",
      content: csv(["10000001,A5-02-05,Room 1,L1,hvac;floor-1,,", "1000000Z,A5-02-05,Bad id,L1,,,", "10000003,D2-14-41,Secure,L2,,3a0c1b30b0a822a17a28fd01d77abdae,f3"]),
    });
    expect(preview.summary).toEqual({ total: 3, valid: 2, invalid: 1, create: 2, update: 0 });
    expect(preview.rows[1]).toMatchObject({ line: 3, action: "invalid", problems: ["sourceEurid: an EURID is up to 8 hex digits, e.g. 051b03c9"] });
    expect(preview.rows[2]!.device).toMatchObject({ secured: true });
    // The dry run answers what will happen, never the key it read.
    expect(JSON.stringify(preview)).not.toContain("3a0c1b30b0a822a17a28fd01d77abdae");
    expect(await services().db.device.count({ where: { tenantId: fx.tenant.id } })).toBe(0);
    await expect(admin.deviceImport.write({ importId: preview.importId })).rejects.toThrow(/1 row\(s\) have problems/);
  });

  it("writes a clean file in chunks, reporting progress, and onboards every device", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${(0x20000000 + i).toString(16)},A5-04-01,Sensor ${i},Level ${i % 5},bulk,,`);
    const preview = await admin.deviceImport.preview({ format: "csv", content: csv(rows) });
    expect(preview.summary).toMatchObject({ total: 1200, valid: 1200, invalid: 0 });
    const chunks = [];
    for (let from = 0; from < 1200; from += 500) chunks.push(await admin.deviceImport.write({ importId: preview.importId, from, to: from + 500 }));
    expect(chunks.map((c) => [c.created, c.done])).toEqual([
      [500, false],
      [500, false],
      [200, true],
    ]);
    expect(await services().db.device.count({ where: { tenantId: fx.tenant.id, tags: { has: "bulk" } } })).toBe(1200);
    // The checked file is gone once written.
    await expect(admin.deviceImport.write({ importId: preview.importId })).rejects.toThrow(/unknown or older than an hour/);
  });

  it("updates devices it already knows and can skip the bad rows when asked", async () => {
    const preview = await admin.deviceImport.preview({ format: "csv", content: csv(["20000000,A5-04-01,Renamed,L9,,,", "nope,A5-04-01,x,,,,"]) });
    expect(preview.rows.map((r) => r.action)).toEqual(["update", "invalid"]);
    const result = await admin.deviceImport.write({ importId: preview.importId, skipInvalid: true });
    expect(result).toMatchObject({ created: 0, updated: 1, skipped: 1, done: true });
    const device = await admin.devices.get({ sourceEurid: "20000000" });
    expect(device).toMatchObject({ friendlyId: "Renamed", location: "L9" });
  });

  it("warns when an import goes past the license's device limit", async () => {
    const small = await createTenantFixture(services().db, "import");
    const caller = await callerAs(sessionOf(small.owner));
    const rows = Array.from({ length: 30 }, (_, i) => `${(0x30000000 + i).toString(16)},A5-02-05,,,,,`);
    const preview = await caller.deviceImport.preview({ format: "csv", content: csv(rows) });
    expect(preview.license).toEqual({ maxDevices: 25, devicesAfterImport: 30, overLimit: 5 });
  });

  it("keeps each tenant's checked files to itself", async () => {
    const preview = await admin.deviceImport.preview({ format: "csv", content: csv(["40000001,A5-02-05,,,,,"]) });
    const other = await createTenantFixture(services().db, "import");
    const caller = await callerAs(sessionOf(other.owner));
    await expect(caller.deviceImport.write({ importId: preview.importId })).rejects.toThrow(/unknown/);
  });
});
