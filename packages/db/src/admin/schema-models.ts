/** A deliberately small reader of schema.prisma — models, scalar fields, enums — used by the
 * drift test to compare the schema with a migrated database without Prisma's introspection
 * (which needs the native engine). */
export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType?: string;
}
export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
}

export function parseSchemaModels(text: string): { models: SchemaModel[]; enums: Map<string, string[]> } {
  const blocks = [...text.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const enums = new Map<string, string[]>();
  const modelNames = new Set<string>();
  for (const [, kind, name, body] of blocks) {
    if (kind === "model") modelNames.add(name!);
    if (kind === "enum") {
      enums.set(
        name!,
        body!
          .split("\n")
          .map((l) => l.replace(/\/\/.*$/, "").trim())
          .filter(Boolean),
      );
    }
  }
  const models: SchemaModel[] = [];
  for (const [, kind, name, body] of blocks) {
    if (kind !== "model") continue;
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const fields: SchemaField[] = [];
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!m || line.startsWith("@@")) continue;
      const [, fieldName, type, list, optional, rest] = m;
      if (modelNames.has(type!)) continue; // relation field, no column
      fields.push({
        name: fieldName!,
        column: /@map\("([^"]+)"\)/.exec(rest!)?.[1] ?? fieldName!,
        type: type!,
        optional: Boolean(optional),
        list: Boolean(list),
        ...(/@db\.(\w+)/.exec(rest!) ? { nativeType: /@db\.(\w+)/.exec(rest!)![1]! } : {}),
      });
    }
    models.push({ name: name!, table, fields });
  }
  return { models, enums };
}
