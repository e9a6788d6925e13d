export { SecretBox, SecretBoxError } from "./secret-box";
export { hashPassword, verifyPassword } from "./password-hash";
export { generateToken, hashToken, tokenMatches } from "./tokens";
