/** Signs in to a running portal with e-mail and password, as a browser would (next-auth's
 * credentials flow), and answers the Cookie header of the session. */
export async function signInWithPassword(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf.headers);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  Object.assign(jar, cookiesOf(res.headers));
  const session = Object.keys(jar).find((name) => name.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return cookieHeader(jar);
}

function cookiesOf(headers: Headers): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1).trim();
  }
  return jar;
}

const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** HTTP Basic credentials of an API key. */
export function basicAuth(keyId: string, secret: string): string {
  return `Basic ${Buffer.from(`${keyId}:${secret}`).toString("base64")}`;
}
