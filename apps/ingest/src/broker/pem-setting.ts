import { readFileSync } from "node:fs";

/** A PEM setting (BROKER_TLS_CERT, BROKER_TLS_KEY): the PEM text itself (newlines may be written
 * as \n, as env files need), or the path of a file holding it (a mounted secret). */
export function readPemSetting(name: string, value: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  try {
    return readFileSync(value, "utf8");
  } catch (err) {
    throw Object.assign(new Error(`${name}: cannot read ${value}: ${(err as Error).message}`), { code: "CONFIG_INVALID" });
  }
}
