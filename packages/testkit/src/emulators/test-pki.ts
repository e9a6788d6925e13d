import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface IssuedCertificate {
  certificate: string;
  privateKey: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** A throwaway certificate authority for emulators: server certificates for localhost and
 * 127.0.0.1, client certificates with a given common name. */
export class TestPki {
  readonly ca: IssuedCertificate;
  private readonly caCert: forge.pki.Certificate;
  private readonly caKey: forge.pki.rsa.PrivateKey;

  constructor(name = "Tidewire test CA") {
    const keys = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
    cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86400_000);
    const attrs = [{ name: "commonName", value: name }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.setExtensions([{ name: "basicConstraints", cA: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true }]);
    this.caKey = forge.pki.privateKeyFromPem(keys.privatePem) as forge.pki.rsa.PrivateKey;
    cert.sign(this.caKey, forge.md.sha256.create());
    this.caCert = cert;
    this.ca = { certificate: forge.pki.certificateToPem(cert), privateKey: keys.privatePem };
  }

  issue(commonName: string, kind: "server" | "client"): IssuedCertificate {
    const keys = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
    cert.serialNumber = `02${randomBytes(8).toString("hex")}`;
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86400_000);
    cert.setSubject([{ name: "commonName", value: commonName }]);
    cert.setIssuer(this.caCert.subject.attributes);
    cert.setExtensions([
      { name: "basicConstraints", cA: false },
      kind === "server"
        ? { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }
        : { name: "extKeyUsage", clientAuth: true },
    ]);
    cert.sign(this.caKey, forge.md.sha256.create());
    return { certificate: forge.pki.certificateToPem(cert), privateKey: keys.privatePem };
  }
}
