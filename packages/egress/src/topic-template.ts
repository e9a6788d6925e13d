export interface TopicValues {
  tenant: string;
  sourceEurid: string;
  friendlyId: string;
  eep: string;
  location: string;
  [name: string]: string;
}

export const TOPIC_PLACEHOLDERS = ["tenant", "sourceEurid", "friendlyId", "eep", "location"] as const;

/** Expands a topic (or device id) template such as "tidewire/{tenant}/{sourceEurid}". Values are
 * made safe for MQTT topics: no wildcards, no extra levels, no empty levels. */
export function expandTopicTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? "";
    const safe = value.replace(/[+#\u0000]/g, "_").replace(/\//g, "_").trim();
    return safe === "" ? "_" : safe;
  });
}

/** Checks a template: only known placeholders, no wildcards, no leading "$". */
export function topicTemplateProblem(template: string): string | null {
  if (!template.trim()) return "the topic template is empty";
  if (/[+#]/.test(template)) return "a topic may not contain the wildcards + or #";
  if (template.startsWith("$")) return "topics starting with $ are reserved";
  for (const [, name] of template.matchAll(/\{(\w*)\}/g)) {
    if (!(TOPIC_PLACEHOLDERS as readonly string[]).includes(name ?? "")) return `unknown placeholder {${name}}; use ${TOPIC_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
  }
  return null;
}
