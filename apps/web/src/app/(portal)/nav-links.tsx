"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/devices", label: "Devices" },
  { href: "/devices/learn", label: "Learn mode", indent: true },
  { href: "/alarms", label: "Alarms" },
  { href: "/gateways", label: "Gateways" },
  { href: "/egress", label: "Egress targets" },
  { href: "/settings", label: "Settings" },
  { href: "/settings/members", label: "Members", indent: true },
  { href: "/settings/api-keys", label: "API keys", indent: true },
  { href: "/settings/integrations", label: "Integrations", indent: true },
  { href: "/settings/audit", label: "Audit log", indent: true },
  { href: "/api-docs", label: "API reference" },
];

/** The main navigation; the current section is marked for people and screen readers. */
export function NavLinks({ isPlatformAdmin, hasTenant }: { isPlatformAdmin: boolean; hasTenant: boolean }) {
  const path = usePathname();
  const links = [...(hasTenant ? LINKS : []), ...(isPlatformAdmin ? [{ href: "/admin", label: "License portal" }] : [])];
  // The most specific link that matches the path is the current one.
  const current = links
    .filter((l) => path === l.href || path.startsWith(`${l.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <>
      {links.map((l) => (
        <Link key={l.href} href={l.href} className={`${"indent" in l && l.indent ? "nav-sub " : ""}${l.href === current ? "nav-current" : ""}`} aria-current={l.href === current ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </>
  );
}
