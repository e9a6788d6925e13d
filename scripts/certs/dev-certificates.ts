// Development certificates made with the openssl command line: the same steps the IoTC
// documentation walks through by hand (CA key and certificate, server key, CSR, a v3 extension
// file with the subjectAltName, a certificate signed by the CA), without an npm dependency, and
// producing ordinary PEM files any tool understands.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";

export class CertificateError extends Error {
  readonly code = "CERTIFICATE_ERROR";
}

function openssl(args: string[], cwd: string): string {
  try {
    return execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new CertificateError("openssl is not installed (apt-get install openssl, or brew install openssl)");
    throw new CertificateError(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}

const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");

export interface DevCa {
  key: string;
  cert: string;
  created: boolean;
}

/** The development CA in `dir` (ca.key, ca.pem), created on first use and reused afterwards so
 * that access points keep trusting it. */
export function ensureDevCa(dir: string): DevCa {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "ca.key");
  const cert = path.join(dir, "ca.pem");
  if (existsSync(key) && existsSync(cert)) return { key, cert, created: false };
  openssl(
    [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "1825",
      "-keyout", key, "-out", cert, "-subj", "/CN=Tidewire development CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  return { key, cert, created: true };
}

function issue(dir: string, ca: DevCa, name: string, subject: string, extensions: string[]): { key: string; cert: string } {
  const base = path.join(dir, fileSafe(name));
  const key = `${base}.key`;
  const cert = `${base}.crt`;
  const csr = `${base}.csr`;
  const ext = `${base}.ext`;
  writeFileSync(ext, ["authorityKeyIdentifier=keyid,issuer", "subjectKeyIdentifier=hash", "basicConstraints=CA:FALSE", ...extensions, ""].join("\n"));
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-keyout", key, "-out", csr, "-subj", subject], dir);
  try {
    openssl(["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial", "-out", cert, "-days", "825", "-sha256", "-extfile", ext], dir);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  return { key, cert };
}

/** A server certificate for the host names / IP addresses ingest is reached by. */
export function issueServerCertificate(dir: string, hosts: string[]): { key: string; cert: string } {
  if (hosts.length === 0) throw new CertificateError("name at least one host name or IP address");
  const ca = ensureDevCa(dir);
  const san = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(",");
  return issue(dir, ca, hosts[0]!, `/CN=${hosts[0]}`, [
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
    `subjectAltName=${san}`,
  ]);
}

/** A client certificate for a generic gateway, and its SHA-256 fingerprint (what Tidewire
 * registers for the gateway's credential). */
export function issueClientCertificate(dir: string, name: string): { key: string; cert: string; fingerprint: string } {
  const ca = ensureDevCa(dir);
  const files = issue(dir, ca, `client-${name}`, `/CN=${name}`, ["keyUsage=critical,digitalSignature", "extendedKeyUsage=clientAuth"]);
  return { ...files, fingerprint: certificateFingerprint(files.cert) };
}

/** SHA-256 fingerprint of a PEM certificate, 64 lower-case hex digits. */
export function certificateFingerprint(certFile: string): string {
  const out = openssl(["x509", "-noout", "-fingerprint", "-sha256", "-in", certFile], path.dirname(certFile));
  return out.trim().split("=")[1]!.replace(/:/g, "").toLowerCase();
}
