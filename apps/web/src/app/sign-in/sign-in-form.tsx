"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

export function SignInForm({ callbackUrl, oidc }: { callbackUrl: string; oidc: { name: string } | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (result?.ok) {
      router.replace(callbackUrl);
      router.refresh();
    } else {
      setError(
        result?.error && result.error !== "CredentialsSignin"
          ? result.error
          : "That e-mail and password do not match an account.",
      );
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} aria-label="Sign in">
        {error ? <div className="tw-alert tw-alert-bad" role="alert">{error}</div> : null}
        <div className="tw-field">
          <label htmlFor="email">E-mail</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="tw-field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="tw-button" type="submit" disabled={busy} style={{ width: "100%" }}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <>
          <div className="divider">or</div>
          <button type="button" className="tw-button tw-button-secondary" style={{ width: "100%" }} onClick={() => void signIn("oidc", { callbackUrl })}>
            Sign in with {oidc.name}
          </button>
        </>
      ) : null}
    </>
  );
}
