/** What a license grants one tenant. Carried inside the signed key, so the pipeline can enforce
 * it with nothing but the platform's public key. */
export interface LicenseClaims {
  /** the License row this key was issued for */
  licenseId: string;
  tenantId: string;
  maxDevices: number;
  maxGateways: number;
  maxMessagesPerDay: number;
  retentionDays: number;
  validFrom: Date;
  validUntil: Date;
  issuedAt: Date;
}

/** Limits that apply to a tenant, whether from a license or the trial default. */
export interface TenantLimits {
  maxDevices: number;
  maxGateways: number;
  maxMessagesPerDay: number;
  retentionDays: number;
  /** "license" when a valid, current license grants them; "trial" otherwise */
  source: "license" | "trial";
  licenseId: string | null;
  validUntil: Date | null;
}

/** Tenants without a current license run on these: enough to try Tidewire with a handful of
 * sensors and one or two gateways, not enough to run a building on. */
export const TRIAL_LIMITS: TenantLimits = {
  maxDevices: 25,
  maxGateways: 2,
  maxMessagesPerDay: 50_000,
  retentionDays: 30,
  source: "trial",
  licenseId: null,
  validUntil: null,
};

/** A license grants its limits from validFrom until (not including) validUntil. */
export function isCurrent(claims: Pick<LicenseClaims, "validFrom" | "validUntil">, now: Date = new Date()): boolean {
  return claims.validFrom.getTime() <= now.getTime() && now.getTime() < claims.validUntil.getTime();
}

export function limitsOf(claims: LicenseClaims): TenantLimits {
  return {
    maxDevices: claims.maxDevices,
    maxGateways: claims.maxGateways,
    maxMessagesPerDay: claims.maxMessagesPerDay,
    retentionDays: claims.retentionDays,
    source: "license",
    licenseId: claims.licenseId,
    validUntil: claims.validUntil,
  };
}
