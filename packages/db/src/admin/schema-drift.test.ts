import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runPrismaCli } from "./prisma-cli";
import { parseSchemaModels } from "./schema-models";

// The run's database was created empty and migrated by tests/support/global-setup.ts, so what
// it holds is exactly what prisma/migrations produce.
const schemaText = readFileSync(path.join(repoRoot, "prisma/schema.prisma"), "utf8");
const schema = parseSchemaModels(schemaText);
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

const expectedType: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Float: "double precision",
};

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("the newest migration was written for the current schema", async () => {
    const dirs = readdirSync(path.join(repoRoot, "prisma/migrations"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const snapshot = path.join(repoRoot, "prisma/migrations", dirs.at(-1)!, "schema.snapshot.prisma");
    const admin = new URL(process.env.DATABASE_URL!);
    admin.pathname = "/postgres";
    const out = await runPrismaCli(
      ["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { databaseUrl: admin.toString(), quiet: true },
    );
    const sql = out.replace(/^.*Loaded Prisma config.*\n/m, "").trim();
    expect(sql, "schema.prisma changed without a migration: run npm run db:migration -- <name>").toMatch(
      /^-- This is an empty migration\.?$/,
    );
  });

  it("every model and field of the schema exists in the migrated database with its type and nullability", async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: "YES" | "NO";
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const problems: string[] = [];
    for (const model of schema.models) {
      for (const field of model.fields) {
        const column = columns.get(`${model.table}.${field.column}`);
        if (!column) {
          problems.push(`${model.name}.${field.name}: no column ${model.table}.${field.column}`);
          continue;
        }
        if (field.list) {
          if (column.data_type !== "ARRAY") problems.push(`${model.name}.${field.name}: expected an array column`);
        } else if (schema.enums.has(field.type)) {
          if (column.udt_name !== field.type) problems.push(`${model.name}.${field.name}: expected enum ${field.type}, got ${column.udt_name}`);
        } else {
          const type = field.nativeType === "Date" ? "date" : expectedType[field.type];
          if (column.data_type !== type) problems.push(`${model.name}.${field.name}: expected ${type}, got ${column.data_type}`);
        }
        const nullable = field.optional ? "YES" : "NO";
        if (!field.list && column.is_nullable !== nullable) {
          problems.push(`${model.name}.${field.name}: expected nullable=${nullable}, got ${column.is_nullable}`);
        }
      }
      const known = new Set(model.fields.map((f) => f.column));
      for (const key of columns.keys()) {
        const [table, column] = key.split(".");
        if (table === model.table && !known.has(column!)) problems.push(`${model.table}.${column}: column not in schema.prisma`);
      }
    }
    expect(problems).toEqual([]);
    expect(schema.models.length).toBeGreaterThan(10);
  });

  it("every enum of the schema exists in the database with the same values", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const inDb = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    expect(inDb).toEqual(Object.fromEntries(schema.enums));
  });
});
