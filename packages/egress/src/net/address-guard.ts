import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { DeliveryError } from "../delivery-error";

// Addresses a tenant may not make Tidewire connect to (DESIGN §6): loopback, private, link-local,
// carrier-grade NAT, unique-local, multicast, unspecified and the cloud metadata range.
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true;
}

/** Resolves a tenant-configured host and refuses private or loopback addresses unless the
 * installation allows them (ALLOW_PRIVATE_EGRESS). Throws a DeliveryError at stage dns/address. */
export async function checkOutboundHost(host: string, allowPrivate: boolean): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare, { all: true })).map((a) => a.address);
    } catch (err) {
      throw new DeliveryError("dns", `cannot resolve ${bare}: ${(err as Error).message}`);
    }
  }
  if (!allowPrivate) {
    const inside = addresses.find(isPrivateAddress);
    if (inside) throw new DeliveryError("address", `${bare} resolves to ${inside}, a private or loopback address, which this installation does not allow`, false);
  }
  return addresses;
}
