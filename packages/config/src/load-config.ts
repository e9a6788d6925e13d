import { ConfigError } from "./config-error";
import { crossFieldProblems } from "./cross-field-rules";
import { envSchema, type Env, type SecretName } from "./env-schema";

const SECRET_HINTS: Record<SecretName, string> = {
  TIDEWIRE_MASTER_KEY: "required: 32 random bytes, base64-encoded (openssl rand -base64 32)",
  AUTH_SECRET: "required: a random string of at least 32 characters (openssl rand -base64 32)",
  BROKER_INTERNAL_SECRET: "required: a random string of at least 16 characters",
  MQTT_AUTH_HOOK_SECRET: "required by ROLES=mqtt-auth: a random string of at least 24 characters, sent by the broker as x-tidewire-hook-secret",
  LICENSE_SIGNING_KEY: "required: the platform's Ed25519 private key, base64 PKCS#8 DER or PEM (npm start creates one in .tidewire/local.json)",
  LICENSE_PUBLIC_KEY: "required: the platform's Ed25519 public key, base64 SPKI DER or PEM (npm start creates one in .tidewire/local.json)",
};

type WithSecrets<S extends SecretName> = Env & { [K in S]-?: NonNullable<Env[K]> };

/** Parses the environment once, reporting every problem at the same time.
 * `require` lists the secrets this process cannot run without. */
export function loadConfig<S extends SecretName = never>(
  options: { env?: NodeJS.ProcessEnv; require?: readonly S[] } = {},
): WithSecrets<S> {
  const env = options.env ?? process.env;
  // Empty strings mean "not set" (docker-compose writes VAR= for unset values).
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems: ConstructorParameters<typeof ConfigError>[0] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? "?");
      problems.push({ variable, expected: issue.message, received: cleaned[variable] });
    }
  }
  if (parsed.success) problems.push(...crossFieldProblems(parsed.data));
  for (const secret of options.require ?? []) {
    if (cleaned[secret] === undefined) {
      problems.push({ variable: secret, expected: SECRET_HINTS[secret] });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data as WithSecrets<S>;
}

/** For process entry points: print the configuration problem plainly and stop. */
export function loadConfigOrExit<S extends SecretName = never>(
  options: { env?: NodeJS.ProcessEnv; require?: readonly S[] } = {},
): WithSecrets<S> {
  try {
    return loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
