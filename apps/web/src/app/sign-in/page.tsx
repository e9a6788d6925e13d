import Link from "next/link";
import { redirect } from "next/navigation";
import { pageAccess } from "@/server/auth/page-access";
import { services } from "@/server/services";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string; error?: string }> }) {
  if ((await pageAccess()).principal) redirect("/");
  const params = await searchParams;
  const c = services().config;
  const oidc = c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET ? { name: c.OIDC_NAME } : null;
  // Only paths on this site are followed after sign-in.
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/dashboard";
  return (
    <main className="sign-in">
      <section className="tw-card">
        <h1>Sign in to Tidewire</h1>
        <p className="lead">Your EnOcean sensors, decoded and delivered.</p>
        {params.reset ? <div className="tw-alert tw-alert-ok">Your password was changed. Sign in with the new one.</div> : null}
        {params.error && params.error !== "CredentialsSignin" ? (
          <div className="tw-alert tw-alert-bad" role="alert">
            {params.error === "AccessDenied" ? "This account is not invited to Tidewire. Ask a tenant owner for an invitation." : "Sign-in did not work. Try again."}
          </div>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} oidc={oidc} />
        <p style={{ marginTop: 14, fontSize: 13 }}>
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </section>
    </main>
  );
}
