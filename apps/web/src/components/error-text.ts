/** A request's error as a person should read it: the server's message, not a stack. */
export function errorText(error: unknown): string {
  if (!error) return "";
  const e = error as { message?: string; data?: { issues?: { path: (string | number)[]; message: string }[] } };
  const issues = e.data?.issues;
  if (issues?.length) return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  return e.message ?? String(error);
}
