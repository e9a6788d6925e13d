import { readFileSync } from "node:fs";

/** What the gateway endpoints need to serve https/wss. */
export interface IngestTls {
  cert: Buffer;
  key: Buffer;
  /** CA certificates that sign client certificates of generic gateways */
  ca?: Buffer;
}

/** Reads the PEM files INGEST_TLS_CERT / INGEST_TLS_KEY / INGEST_TLS_CA name, with an error that
 * says which file could not be read. */
export function readTlsFiles(paths: { cert: string; key: string; ca?: string }): IngestTls {
  const read = (variable: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${variable}: cannot read ${file}: ${(error as Error).message}`);
    }
  };
  return {
    cert: read("INGEST_TLS_CERT", paths.cert),
    key: read("INGEST_TLS_KEY", paths.key),
    ...(paths.ca ? { ca: read("INGEST_TLS_CA", paths.ca) } : {}),
  };
}
