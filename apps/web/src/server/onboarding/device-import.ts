import type { DeviceInput } from "@tidewire/db";
import { z } from "zod";
import { devicesOfBackup, fromIotcDevice, iotcDeviceInputSchema } from "../iotc/iotc-device";
import { deviceInputSchema } from "../trpc/schemas/device";
import { CsvError, parseCsv } from "./csv";

export const IMPORT_FORMATS = ["csv", "iotc-backup"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row of an import file after checking: the device it onboards, or what is wrong with it. */
export interface ImportRow {
  /** 0-based position among the file's devices */
  index: number;
  /** line in a CSV file (the header is line 1); null for JSON */
  line: number | null;
  sourceEurid: string | null;
  device: DeviceInput | null;
  problems: string[];
}

export interface ParsedImport {
  rows: ImportRow[];
  /** about the file as a whole (unused columns...), not about one row */
  notes: string[];
}

export class ImportFileError extends Error {
  readonly code = "IMPORT_UNREADABLE";
}

// Header spellings people use, reduced to lower-case letters and digits.
const COLUMN_ALIASES: Record<string, keyof CsvDevice> = {
  sourceeurid: "sourceEurid",
  eurid: "sourceEurid",
  sourceid: "sourceEurid",
  source: "sourceEurid",
  id: "sourceEurid",
  eep: "eep",
  profile: "eep",
  friendlyid: "friendlyId",
  friendlyname: "friendlyId",
  name: "friendlyId",
  location: "location",
  tags: "tags",
  tag: "tags",
  customtag: "tags",
  active: "active",
  activeflag: "active",
  destinationeurid: "destinationEurid",
  destinationid: "destinationEurid",
  destination: "destinationEurid",
  aeskey: "aesKey",
  securitykey: "aesKey",
  key: "aesKey",
  slf: "slf",
  isptm: "isPTM",
  ptm: "isPTM",
  kind: "kind",
  devicekind: "kind",
  type: "kind",
  deveui: "sourceEurid",
  deviceid: "sourceEurid",
  payloaddecoder: "payloadDecoder",
  decoder: "payloadDecoder",
  ttsapplicationid: "ttsApplicationId",
  applicationid: "ttsApplicationId",
  hmackey: "hmacKey",
  expectedintervalsec: "expectedIntervalSec",
  expectedinterval: "expectedIntervalSec",
  interval: "expectedIntervalSec",
};

interface CsvDevice {
  kind: string;
  payloadDecoder: string;
  ttsApplicationId: string;
  hmacKey: string;
  sourceEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string;
  active: string;
  destinationEurid: string;
  aesKey: string;
  slf: string;
  isPTM: string;
  expectedIntervalSec: string;
}

const TRUE = new Set(["true", "yes", "y", "1", "on", "x"]);
const FALSE = new Set(["false", "no", "n", "0", "off", ""]);

function csvBoolean(value: string, column: string, problems: string[]): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === "") return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  problems.push(`${column}: "${value}" is not true or false`);
  return undefined;
}

/** A CSV row as onboarding input (empty cells mean "not given"). */
function csvRowToInput(row: Partial<CsvDevice>, problems: string[]): Record<string, unknown> {
  const text = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const interval = text(row.expectedIntervalSec);
  const kind = text(row.kind)?.toUpperCase().replace(/[\s-]/g, "_");
  const input: Record<string, unknown> = {
    kind,
    sourceEurid: row.sourceEurid ?? "",
    eep: text(row.eep) ?? (kind && kind !== "ENOCEAN" ? undefined : ""),
    payloadDecoder: text(row.payloadDecoder)?.toLowerCase(),
    ttsApplicationId: text(row.ttsApplicationId),
    hmacKey: text(row.hmacKey),
    friendlyId: text(row.friendlyId),
    location: text(row.location),
    destinationEurid: text(row.destinationEurid),
    aesKey: text(row.aesKey),
    slf: text(row.slf),
    tags: text(row.tags)
      ?.split(/[;|,]/)
      .map((t) => t.trim())
      .filter(Boolean),
    active: row.active !== undefined ? csvBoolean(row.active, "active", problems) : undefined,
    isPTM: row.isPTM !== undefined ? csvBoolean(row.isPTM, "isPTM", problems) : undefined,
    expectedIntervalSec: interval !== undefined ? (/^\d+$/.test(interval) ? Number(interval) : interval) : undefined,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

function checkRow(index: number, line: number | null, input: Record<string, unknown>, problems: string[]): ImportRow {
  const parsed = deviceInputSchema.safeParse(input);
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  const eurid = parsed.success ? parsed.data.sourceEurid : typeof input.sourceEurid === "string" ? input.sourceEurid : null;
  return { index, line, sourceEurid: eurid, device: parsed.success && problems.length === 0 ? (parsed.data as DeviceInput) : null, problems };
}

function parseCsvImport(content: string): ParsedImport {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(error.message);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new ImportFileError("the file is empty");
  const columns = header.fields.map((h) => COLUMN_ALIASES[h.toLowerCase().replace(/[^a-z0-9]/g, "")]);
  const notes: string[] = [];
  header.fields.forEach((h, i) => {
    if (!columns[i]) notes.push(`column "${h.trim()}" is not used`);
  });
  for (const needed of ["sourceEurid", "eep"] as const) {
    if (!columns.includes(needed)) throw new ImportFileError(`the header has no ${needed} column (first line: ${header.fields.join(", ")})`);
  }
  const rows = body.map((record, index) => {
    const problems: string[] = [];
    if (record.fields.length > header.fields.length) problems.push(`${record.fields.length} cells, the header has ${header.fields.length}`);
    const values: Partial<CsvDevice> = {};
    columns.forEach((column, i) => {
      if (column && record.fields[i] !== undefined) values[column] = record.fields[i];
    });
    return checkRow(index, record.line, csvRowToInput(values, problems), problems);
  });
  return { rows, notes };
}

function parseBackupImport(content: string): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new ImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  let list: unknown[];
  try {
    list = devicesOfBackup(json);
  } catch (error) {
    throw new ImportFileError((error as Error).message);
  }
  const rows = list.map((entry, index) => {
    const iotc = iotcDeviceInputSchema.safeParse(entry);
    if (!iotc.success) {
      const eurid = entry && typeof entry === "object" ? (entry as { sourceEurid?: unknown }).sourceEurid : undefined;
      return { index, line: null, sourceEurid: typeof eurid === "string" ? eurid : null, device: null, problems: zodProblems(iotc.error) };
    }
    return checkRow(index, null, fromIotcDevice(iotc.data), []);
  });
  return { rows, notes: [] };
}

/** Reads and checks a whole import file: every row's problems are found before anything is
 * written. An EURID listed twice is a problem on its second occurrence. */
export function parseDeviceImport(format: ImportFormat, content: string): ParsedImport {
  const parsed = format === "csv" ? parseCsvImport(content) : parseBackupImport(content);
  const firstSeen = new Map<string, ImportRow>();
  for (const row of parsed.rows) {
    if (!row.device) continue;
    const first = firstSeen.get(row.device.sourceEurid);
    if (first) {
      row.problems.push(`EURID ${row.device.sourceEurid} is already listed ${first.line !== null ? `on line ${first.line}` : `as device ${first.index + 1}`}`);
      row.device = null;
    } else firstSeen.set(row.device.sourceEurid, row);
  }
  return parsed;
}
