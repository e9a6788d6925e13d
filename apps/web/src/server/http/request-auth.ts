import "server-only";
import { checkApiRateLimit } from "../auth/api-rate-limit";
import { CredentialsError, principalFromRequest, type Principal } from "../auth/principal";
import { services } from "../services";

export type RequestAuth = { ok: true; principal: Principal } | { ok: false; response: Response };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** Authenticates a request once, for every API surface (tRPC, REST, IoTC, live streams): wrong
 * credentials are a 401, an API key over one of its limits a 429 that names the limit. */
export async function authenticateRequest(req: Request): Promise<RequestAuth> {
  let principal: Principal;
  try {
    principal = await principalFromRequest(req);
  } catch (error) {
    if (error instanceof CredentialsError) {
      return {
        ok: false,
        response: json(401, { code: "UNAUTHORIZED", message: error.message }, { "www-authenticate": 'Basic realm="Tidewire API", charset="UTF-8"' }),
      };
    }
    throw error;
  }
  if (principal.kind === "apiKey") {
    const { redis, config } = services();
    const hit = await checkApiRateLimit(redis, config.REDIS_PREFIX, principal.keyId, {
      perSecond: principal.rateLimitPerSecond ?? config.API_RATE_LIMIT_PER_SECOND,
      perMinute: principal.rateLimitPerMinute ?? config.API_RATE_LIMIT_PER_MINUTE,
    });
    if (hit) {
      return {
        ok: false,
        response: json(
          429,
          {
            code: "RATE_LIMITED",
            message: `API key ${principal.keyId} reached its limit of ${hit.max} requests ${hit.limit === "per-second" ? "per second" : "per minute"}`,
            limit: hit.limit,
            max: hit.max,
            windowSeconds: hit.windowSeconds,
            retryAfterSeconds: hit.retryAfterSeconds,
          },
          { "retry-after": String(hit.retryAfterSeconds), "x-ratelimit-limit": `${hit.max};w=${hit.windowSeconds}`, "x-ratelimit-scope": hit.limit },
        ),
      };
    }
  }
  return { ok: true, principal };
}
