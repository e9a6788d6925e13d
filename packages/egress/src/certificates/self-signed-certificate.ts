import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import forge from "node-forge";

export interface GeneratedCertificate {
  certificate: string;
  privateKey: string;
  /** hex, upper case, no colons: what the Azure portal asks for */
  sha1Thumbprint: string;
  sha256Thumbprint: string;
  notAfter: Date;
}

/** Thumbprints of a PEM certificate: hex of the SHA-1 / SHA-256 of its DER, colons removed. */
export function certificateThumbprints(pem: string): { sha1: string; sha256: string; subject: string; notAfter: Date } {
  const cert = new X509Certificate(pem);
  return {
    sha1: cert.fingerprint.replace(/:/g, ""),
    sha256: cert.fingerprint256.replace(/:/g, ""),
    subject: cert.subject,
    notAfter: new Date(cert.validTo),
  };
}

/** A self-signed RSA-2048 certificate whose common name is the device id, as a hub device with
 * "X.509 self-signed" authentication expects (Tidewire shows the thumbprints to paste). */
export function generateSelfSignedCertificate(commonName: string, options: { days?: number } = {}): GeneratedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + (options.days ?? 3650) * 86400_000);
  const attrs = [{ name: "commonName", value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", clientAuth: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privatePem), forge.md.sha256.create());
  const certificate = forge.pki.certificateToPem(cert);
  const prints = certificateThumbprints(certificate);
  return { certificate, privateKey: privatePem, sha1Thumbprint: prints.sha1, sha256Thumbprint: prints.sha256, notAfter: prints.notAfter };
}
