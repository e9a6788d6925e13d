// npm run certs -- <host> [more hosts...]      server certificate for ingest (https/wss)
// npm run certs -- --client <name>            client certificate for a generic gateway
// Writes into .tidewire/certs/ (git-ignored); the CA made on first use is reused.
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "@tidewire/db/admin";
import { CertificateError, ensureDevCa, issueClientCertificate, issueServerCertificate } from "./dev-certificates";

const { values, positionals } = parseArgs({ options: { client: { type: "string" }, dir: { type: "string" } }, allowPositionals: true });
const dir = path.resolve(values.dir ?? path.join(repoRoot, ".tidewire/certs"));
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

try {
  if (values.client) {
    const client = issueClientCertificate(dir, values.client);
    console.log(`Client certificate for gateway "${values.client}":
  certificate  ${shown(client.cert)}
  key          ${shown(client.key)}
  fingerprint  ${client.fingerprint}

Register the fingerprint for a gateway credential of the tenant (createGatewayCertificateCredential
in packages/db, or the portal), and start ingest with INGEST_TLS_CA=${shown(path.join(dir, "ca.pem"))}.
The gateway then connects to wss://<host>:8080/gateway/v1 with this certificate and no token.`);
  } else {
    if (positionals.length === 0) {
      console.error("usage: npm run certs -- <host name or IP address> [...]   |   npm run certs -- --client <gateway name>");
      process.exit(2);
    }
    const ca = ensureDevCa(dir);
    const server = issueServerCertificate(dir, positionals);
    console.log(`Development certificates for ${positionals.join(", ")} in ${shown(dir)}/
  CA certificate  ${shown(ca.cert)}${ca.created ? "  (new)" : "  (existing CA reused)"}
  server          ${shown(server.cert)}
  server key      ${shown(server.key)}

Upload ${shown(ca.cert)} to each Aruba access point as a Trusted CA
(Maintenance > Certificates > Upload New Certificate, type "Trusted CA"), then start ingest with
  INGEST_TLS_CERT=${shown(server.cert)} INGEST_TLS_KEY=${shown(server.key)}
and point the AP's transport profile at https://${positionals[0]}:8080/auth/aruba and wss://${positionals[0]}:8080/aruba.`);
  }
} catch (error) {
  console.error(error instanceof CertificateError ? error.message : String(error));
  process.exit(1);
}
