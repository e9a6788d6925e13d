// Reads plain gauge values from a process's Prometheus text, to record what a process held at
// the moment a fault struck.

/** Each sample of the named metrics (`name{labels}` → value); a metric without samples is absent. */
export async function sampleMetrics(url: string, names: readonly string[]): Promise<Record<string, number>> {
  const text = await (await fetch(url)).text();
  const found: Record<string, number> = {};
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && names.includes(match[1]!)) found[`${match[1]}${match[2] ?? ""}`] = Number(match[3]);
  }
  return found;
}
