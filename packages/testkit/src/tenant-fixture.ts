import { randomBytes } from "node:crypto";
import { setMembership, upsertTenant, upsertUser, type Db, type Role } from "@tidewire/db";

/** A fresh tenant with one member per role, for tests that share the run's database. Every
 * fixture gets its own slug and e-mail addresses, so tests never see each other's rows. */
export async function createTenantFixture(db: Db, label = "t") {
  const id = randomBytes(4).toString("hex");
  const tenant = await upsertTenant(db, { slug: `${label}-${id}`.toLowerCase().slice(0, 40), name: `${label} ${id}` });
  const password = `pw-${id}-secret`;
  const member = async (role: Role) => {
    const user = await upsertUser(db, { email: `${role.toLowerCase()}-${id}@${label}.test`, name: `${role} ${id}`, password });
    await setMembership(db, tenant.id, user.id, role);
    return user;
  };
  const owner = await member("OWNER");
  const admin = await member("ADMIN");
  const viewer = await member("VIEWER");
  return { tenant, owner, admin, viewer, password };
}

export type TenantFixture = Awaited<ReturnType<typeof createTenantFixture>>;
