import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/** Whether an address is one a tenant must not point Tidewire at (the installation's own
 * network): loopback, private, link-local, carrier-grade NAT, unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith("ff");
}

export class EgressAddressError extends Error {
  constructor(
    readonly stage: "dns" | "address",
    message: string,
  ) {
    super(message);
  }
}

/** Resolves a target's host and refuses private addresses unless the installation allows them
 * (ALLOW_PRIVATE_EGRESS). Answers the addresses. */
export async function checkEgressHost(host: string, allowPrivate: boolean): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new EgressAddressError("dns", `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const blocked = addresses.filter(isPrivateAddress);
  if (blocked.length && !allowPrivate) {
    throw new EgressAddressError("address", `${host} resolves to a private or loopback address (${blocked.join(", ")}), which this installation does not allow`);
  }
  return addresses;
}
