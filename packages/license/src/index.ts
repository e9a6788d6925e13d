export { LicenseError, type LicenseErrorCode } from "./license-error";
export { generateLicenseKeyPair, normalizePublicKey, publicKeyOf, type LicenseKeyPair } from "./key-pair";
export { TRIAL_LIMITS, isCurrent, limitsOf, type LicenseClaims, type TenantLimits } from "./license-claims";
export { signLicenseKey, verifyLicenseKey } from "./license-key";
