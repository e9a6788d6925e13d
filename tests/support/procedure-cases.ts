// Every procedure of the API with an input that aims at tenant A's data, and what it is: the
// access suite (tests/e2e/cross-tenant.test.ts) calls each one, over tRPC and over REST, with the
// credentials that must be refused. A procedure missing here fails that suite.
import type { TenantResources } from "./tenant-resources";

export type Access =
  /** reads the caller's tenant */
  | "read"
  /** changes the caller's tenant: owners, admins, write keys */
  | "write"
  /** manages people and keys: owners and admins signed in, never an API key */
  | "people"
  /** the license portal: platform admins only */
  | "admin"
  /** about the caller themselves (who am I, which tenant) */
  | "self"
  /** no sign-in needed, no tenant data (sign-in methods, password reset, invitation links) */
  | "public";

export interface ProcedureCase {
  access: Access;
  /** an input that names tenant A's resources (or creates in the caller's tenant) */
  input: (a: TenantResources) => unknown;
  /** what another tenant gets when it names A's resources in its own tenant; null: the input
   * names none of A's resources (creating, listing), so only selecting tenant A is refused */
  otherTenant: "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "BAD_REQUEST" | null;
}

const hour = () => new Date(Date.now() - 3_600_000).toISOString();
const newEurid = () => Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, "0");

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "session.whoami": { access: "self", input: () => undefined, otherTenant: null },
  "session.switchTenant": { access: "self", input: (a) => ({ slug: a.slug }), otherTenant: "FORBIDDEN" },
  "session.signInMethods": { access: "public", input: () => undefined, otherTenant: null },
  "session.requestPasswordReset": { access: "public", input: () => ({ email: "nobody@nowhere.test" }), otherTenant: null },
  "session.resetPassword": { access: "public", input: () => ({ token: "twr_not-a-real-token", password: "a-new-password" }), otherTenant: null },
  "session.invitation": { access: "public", input: () => ({ token: "twi_not-a-real-token" }), otherTenant: null },
  "session.acceptInvitation": { access: "public", input: (a) => ({ token: a.invitation.token }), otherTenant: "BAD_REQUEST" },

  "tenant.get": { access: "read", input: () => undefined, otherTenant: null },
  "tenant.update": { access: "write", input: () => ({ name: "renamed by someone else" }), otherTenant: null },
  "tenant.license": { access: "read", input: () => undefined, otherTenant: null },
  "tenant.auditLog": { access: "read", input: () => ({ take: 10 }), otherTenant: null },

  "members.list": { access: "read", input: () => undefined, otherTenant: null },
  "members.invite": { access: "people", input: () => ({ email: `x-${newEurid()}@example.test`, role: "VIEWER" }), otherTenant: null },
  "members.revokeInvitation": { access: "people", input: (a) => ({ id: a.invitation.invitation.id }), otherTenant: "NOT_FOUND" },
  "members.changeRole": { access: "people", input: (a) => ({ userId: a.viewer.id, role: "ADMIN" }), otherTenant: "NOT_FOUND" },
  "members.remove": { access: "people", input: (a) => ({ userId: a.viewer.id }), otherTenant: "NOT_FOUND" },

  "apiKeys.list": { access: "read", input: () => undefined, otherTenant: null },
  "apiKeys.create": { access: "people", input: () => ({ name: "someone else's key", scopes: ["read"] }), otherTenant: null },
  "apiKeys.revoke": { access: "people", input: (a) => ({ id: a.readKey.id }), otherTenant: "NOT_FOUND" },

  "devices.list": { access: "read", input: () => ({ pageSize: 10 }), otherTenant: null },
  "devices.get": { access: "read", input: (a) => ({ sourceEurid: a.eurid }), otherTenant: "NOT_FOUND" },
  "devices.create": { access: "write", input: () => ({ sourceEurid: newEurid(), eep: "A5-02-05" }), otherTenant: null },
  "devices.createFromLabel": { access: "write", input: () => ({ label: `30S${newEurid()}`, eep: "F6-02-01" }), otherTenant: null },
  "devices.update": { access: "write", input: (a) => ({ sourceEurid: a.eurid, location: "moved by someone else" }), otherTenant: "NOT_FOUND" },
  "devices.delete": { access: "write", input: (a) => ({ sourceEurid: a.eurid }), otherTenant: "NOT_FOUND" },
  "devices.tags": { access: "read", input: () => undefined, otherTenant: null },
  "devices.telemetry": { access: "read", input: (a) => ({ sourceEurid: a.eurid, from: hour() }), otherTenant: "NOT_FOUND" },
  "devices.telegrams": { access: "read", input: (a) => ({ sourceEurid: a.eurid, take: 5 }), otherTenant: "NOT_FOUND" },

  "deviceImport.preview": { access: "write", input: () => ({ format: "csv", content: `eurid,eep\n${newEurid()},A5-02-05` }), otherTenant: null },
  "deviceImport.write": { access: "write", input: () => ({ importId: "5b1f1c3e-8a3e-4f51-9d2c-0a8d5e3f7b21" }), otherTenant: "NOT_FOUND" },
  "deviceImport.backup": { access: "read", input: () => undefined, otherTenant: null },
  "deviceImport.restoreBackup": { access: "write", input: () => ({ backup: { Connections: [] }, mode: "merge" }), otherTenant: null },

  "profiles.list": { access: "read", input: () => undefined, otherTenant: null },
  "profiles.get": { access: "read", input: () => ({ eep: "A5-09-09" }), otherTenant: null },
  "alarms.list": { access: "read", input: (a) => ({ sourceEurid: a.eurid }), otherTenant: "NOT_FOUND" },

  "gateways.list": { access: "read", input: () => undefined, otherTenant: null },
  "gateways.get": { access: "read", input: (a) => ({ id: a.gateway.id }), otherTenant: "NOT_FOUND" },
  "gateways.rename": { access: "write", input: (a) => ({ id: a.gateway.id, name: "renamed" }), otherTenant: "NOT_FOUND" },
  "gateways.delete": { access: "write", input: (a) => ({ id: a.gateway.id }), otherTenant: "NOT_FOUND" },
  "gateways.credentials": { access: "read", input: () => undefined, otherTenant: null },
  "gateways.createToken": { access: "write", input: () => ({ name: "another token" }), otherTenant: null },
  "gateways.setAruba": { access: "write", input: (a) => ({ name: "take over", username: a.aruba.username, password: "a-password-long-enough" }), otherTenant: "CONFLICT" },
  "gateways.setAllowedMacs": { access: "write", input: (a) => ({ id: a.aruba.id, macs: ["d01546c204a2"] }), otherTenant: "NOT_FOUND" },
  "gateways.revokeCredential": { access: "write", input: (a) => ({ id: a.token.id }), otherTenant: "NOT_FOUND" },

  "egress.list": { access: "read", input: () => undefined, otherTenant: null },
  "egress.get": { access: "read", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.status": { access: "read", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.create": { access: "write", input: () => ({ kind: "BUILTIN_MQTT", name: "another target", config: {} }), otherTenant: null },
  "egress.update": { access: "write", input: (a) => ({ id: a.target.id, name: "renamed" }), otherTenant: "NOT_FOUND" },
  "egress.setEnabled": { access: "write", input: (a) => ({ id: a.target.id, enabled: false }), otherTenant: "NOT_FOUND" },
  "egress.delete": { access: "write", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.test": { access: "write", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.testSettings": { access: "write", input: (a) => ({ kind: "MQTT", config: { url: "mqtt://127.0.0.1:1883" }, targetId: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.deadLetters": { access: "read", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.replay": { access: "write", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.purge": { access: "write", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },
  "egress.generateCertificate": { access: "write", input: (a) => ({ id: a.target.id }), otherTenant: "NOT_FOUND" },

  "dashboard.summary": { access: "read", input: () => undefined, otherTenant: null },
  "dashboard.telegramsPerMinute": { access: "read", input: () => ({ hours: 1 }), otherTenant: null },

  "admin.tenants": { access: "admin", input: () => undefined, otherTenant: "FORBIDDEN" },
  "admin.createTenant": { access: "admin", input: () => ({ slug: `x-${newEurid()}`, name: "X", ownerEmail: "x@example.test" }), otherTenant: "FORBIDDEN" },
  "admin.tenant": { access: "admin", input: (a) => ({ tenantId: a.tenantId }), otherTenant: "FORBIDDEN" },
  "admin.issueLicense": {
    access: "admin",
    input: (a) => ({ tenantId: a.tenantId, maxDevices: 1_000_000, maxGateways: 1000, maxMessagesPerDay: 1_000_000, validUntil: "2099-01-01" }),
    otherTenant: "FORBIDDEN",
  },
  "admin.extendLicense": { access: "admin", input: (a) => ({ tenantId: a.tenantId, licenseId: a.license.id, validUntil: "2099-01-01" }), otherTenant: "FORBIDDEN" },
  "admin.revokeLicense": { access: "admin", input: (a) => ({ tenantId: a.tenantId, licenseId: a.license.id }), otherTenant: "FORBIDDEN" },
};

export const isWrite = (c: ProcedureCase) => c.access === "write" || c.access === "people" || c.access === "admin";
