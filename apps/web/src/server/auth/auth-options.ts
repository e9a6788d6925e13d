import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyPassword } from "@tidewire/db";
import { z } from "zod";
import { services } from "../services";
import { loginRateLimiter } from "./login-rate-limit";
import { oidcAccount } from "./oidc-account";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

let cached: NextAuthOptions | undefined;

/** next-auth configuration: e-mail + password against our users table, an OpenID Connect
 * provider when OIDC_* is configured, JWT sessions carrying our user id. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const { config, db } = services();
  const oidcConfigured = Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
  cached = {
    secret: config.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const source = String(req?.headers?.["x-forwarded-for"] ?? "local").split(",")[0]!.trim();
          const limiter = loginRateLimiter();
          if (await limiter.isBlocked(email, source)) {
            throw new Error("Too many sign-in attempts. Wait a minute and try again.");
          }
          const user = await db.user.findUnique({ where: { email } });
          const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
          if (!user || !ok) {
            await limiter.recordFailure(email, source);
            return null;
          }
          await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(oidcConfigured
        ? [
            {
              id: "oidc",
              name: config.OIDC_NAME,
              type: "oauth" as const,
              wellKnown: `${config.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
              clientId: config.OIDC_CLIENT_ID!,
              clientSecret: config.OIDC_CLIENT_SECRET!,
              authorization: { params: { scope: "openid email profile" } },
              idToken: true,
              checks: ["pkce" as const, "state" as const],
              profile(profile: { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string }) {
                return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? "", emailVerified: profile.email_verified };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const claims = profile as { sub?: string; email?: string; email_verified?: boolean; name?: string } | undefined;
        const id = await oidcAccount(db, {
          subject: account.providerAccountId,
          email: claims?.email ?? user.email,
          emailVerified: claims?.email_verified ?? null,
          name: claims?.name ?? user.name,
        });
        if (!id) return false;
        // Carried to the jwt callback: from here on the session holds our account id.
        (user as { tidewireId?: string }).tidewireId = id;
        await db.user.update({ where: { id }, data: { lastLoginAt: new Date() } });
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.uid = (user as { tidewireId?: string }).tidewireId ?? user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
  };
  return cached;
}
