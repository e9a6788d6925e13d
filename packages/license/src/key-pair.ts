import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { LicenseError } from "./license-error";

/** An Ed25519 key pair in the form the environment carries it: base64 of the DER encoding
 * (PKCS#8 for the private key, SPKI for the public key), one line each. */
export interface LicenseKeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateLicenseKeyPair(): LicenseKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

// PEM is accepted too, because that is what `openssl genpkey -algorithm ed25519` writes.
const isPem = (text: string) => text.trimStart().startsWith("-----BEGIN");

export function parsePrivateKey(text: string): KeyObject {
  try {
    const key = isPem(text)
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${key.asymmetricKeyType} key`);
    return key;
  } catch (error) {
    throw new LicenseError("LICENSE_KEY_INVALID", `LICENSE_SIGNING_KEY is not an Ed25519 private key (${(error as Error).message})`);
  }
}

export function parsePublicKey(text: string): KeyObject {
  try {
    const key = isPem(text)
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, "base64"), format: "der", type: "spki" });
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${key.asymmetricKeyType} key`);
    return key;
  } catch (error) {
    throw new LicenseError("LICENSE_KEY_INVALID", `LICENSE_PUBLIC_KEY is not an Ed25519 public key (${(error as Error).message})`);
  }
}

/** The public half of a private key, in the environment's form. */
export function publicKeyOf(privateKeyText: string): string {
  return createPublicKey(parsePrivateKey(privateKeyText)).export({ format: "der", type: "spki" }).toString("base64");
}

/** A public key in the environment's form, whichever form it was given in (PEM or base64 DER). */
export function normalizePublicKey(publicKeyText: string): string {
  return parsePublicKey(publicKeyText).export({ format: "der", type: "spki" }).toString("base64");
}
