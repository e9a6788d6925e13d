import { describe, expect, it } from "vitest";
import { CsvError, detectDelimiter, parseCsv } from "./csv";

describe("CSV reading", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, and keeps line numbers", () => {
    const text = 'eurid,name,location\r\n051b03c9,"Room ""A"", north","Level 1\nWest wing"\n\n01a2b3c4,Plain,L2\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["eurid", "name", "location"] },
      { line: 2, fields: ["051b03c9", 'Room "A", north', "Level 1\nWest wing"] },
      { line: 5, fields: ["01a2b3c4", "Plain", "L2"] },
    ]);
  });

  it("detects the semicolons European spreadsheets write", () => {
    expect(detectDelimiter("eurid;eep;name\n1;2;3")).toBe(";");
    expect(parseCsv("a;b\n1;2")[1]!.fields).toEqual(["1", "2"]);
  });

  it("names the line of a quote that is never closed", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrowError(new CsvError("a quoted field is not closed", 2));
  });

  it("ignores a byte-order mark", () => {
    expect(parseCsv("\uFEFFeurid\n1")[0]!.fields).toEqual(["eurid"]);
  });
});
