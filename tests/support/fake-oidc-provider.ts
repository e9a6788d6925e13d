// A minimal OpenID Connect provider for tests: discovery, an authorization endpoint that signs
// the configured person in at once, a token endpoint that issues an RS256 ID token, and JWKS.
// Enough for next-auth's OIDC provider (openid-client) to sign someone in without a network.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import { freePort } from "@tidewire/testkit";

export interface OidcPerson {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
}

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who the next sign-in is */
  signInAs: (person: OidcPerson) => void;
  stop: () => Promise<void>;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export async function startFakeOidcProvider(): Promise<FakeOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "tidewire-test";
  const clientSecret = randomBytes(16).toString("hex");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "test-key";
  let person: OidcPerson = { sub: "nobody", email: "nobody@example.test" };
  const codes = new Map<string, { person: OidcPerson; challenge: string | null; nonce: string | null }>();

  const idToken = (p: OidcPerson, nonce: string | null) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(JSON.stringify({ iss: issuer, aud: clientId, iat: now, exp: now + 300, ...(nonce ? { nonce } : {}), ...p }));
    const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey);
    return `${header}.${payload}.${b64url(signature)}`;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
    if (url.pathname === "/authorize") {
      const code = randomBytes(16).toString("hex");
      codes.set(code, { person, challenge: url.searchParams.get("code_challenge"), nonce: url.searchParams.get("nonce") });
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      const state = url.searchParams.get("state");
      if (state) back.searchParams.set("state", state);
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
        const [id, secret] = basic.includes(":") ? basic.split(":").map(decodeURIComponent) : [form.get("client_id"), form.get("client_secret")];
        if (id !== clientId || secret !== clientSecret) return json(401, { error: "invalid_client" });
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        if (!grant) return json(400, { error: "invalid_grant" });
        if (grant.challenge) {
          const verifier = form.get("code_verifier") ?? "";
          if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) return json(400, { error: "invalid_grant", error_description: "PKCE" });
        }
        return json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken(grant.person, grant.nonce) });
      });
      return;
    }
    if (url.pathname === "/userinfo") return json(200, person);
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (p) => {
      person = p;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
