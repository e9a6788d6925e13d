"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

export function AcceptInvitation({ token, signedInAs }: { token: string; signedInAs: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery(trpc.session.invitation.queryOptions({ token }, { retry: false }));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const accept = useMutation(
    trpc.session.acceptInvitation.mutationOptions({
      onSuccess: async (result) => {
        if (!signedInAs) await signIn("credentials", { email: result.email, password, redirect: false });
        router.replace("/dashboard");
        router.refresh();
      },
    }),
  );
  if (invitation.isLoading) return <div className="tw-empty">Loading the invitation…</div>;
  if (invitation.error || !invitation.data) {
    return (
      <div className="tw-alert tw-alert-bad" role="alert">
        {errorText(invitation.error) || "This invitation is not valid."} <Link href="/sign-in">Sign in</Link>
      </div>
    );
  }
  const inv = invitation.data;
  const intro = (
    <>
      <h1>Join {inv.tenantName}</h1>
      <p className="lead">
        You are invited as <strong>{inv.role.toLowerCase()}</strong> ({inv.email}).
      </p>
    </>
  );
  if (inv.hasAccount) {
    if (signedInAs !== inv.email) {
      return (
        <>
          {intro}
          <div className="tw-alert tw-alert-info">
            {signedInAs ? `You are signed in as ${signedInAs}. ` : ""}Sign in as {inv.email} to accept.
          </div>
          <Link className="tw-button" href={`/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`}>
            Sign in
          </Link>
        </>
      );
    }
    return (
      <>
        {intro}
        {accept.error ? <div className="tw-alert tw-alert-bad" role="alert">{errorText(accept.error)}</div> : null}
        <button className="tw-button" type="button" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
          Accept and join
        </button>
      </>
    );
  }
  return (
    <>
      {intro}
      <form
        aria-label="Create your account"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          accept.mutate({ token, name, password });
        }}
      >
        {accept.error ? <div className="tw-alert tw-alert-bad" role="alert">{errorText(accept.error)}</div> : null}
        <div className="tw-field">
          <label htmlFor="name">Your name</label>
          <input id="name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" />
        </div>
        <div className="tw-field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
          <span className="tw-hint">At least 10 characters.</span>
        </div>
        <button className="tw-button" type="submit" disabled={accept.isPending} style={{ width: "100%" }}>
          {accept.isPending ? "Creating…" : "Create account and join"}
        </button>
      </form>
    </>
  );
}
