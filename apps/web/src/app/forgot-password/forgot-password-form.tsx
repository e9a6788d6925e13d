"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.session.requestPasswordReset.mutationOptions());
  const [email, setEmail] = useState("");
  if (request.isSuccess) {
    return (
      <div className="tw-alert tw-alert-ok" role="status">
        If an account exists for {email}, an e-mail with a reset link is on its way. The link works for one hour.{" "}
        <Link href="/sign-in">Back to sign-in</Link>
      </div>
    );
  }
  return (
    <form
      aria-label="Reset password"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        request.mutate({ email });
      }}
    >
      {request.error ? <div className="tw-alert tw-alert-bad" role="alert">{errorText(request.error)}</div> : null}
      <div className="tw-field">
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="username" />
      </div>
      <button className="tw-button" type="submit" disabled={request.isPending} style={{ width: "100%" }}>
        {request.isPending ? "Sending…" : "Send reset link"}
      </button>
      <p style={{ fontSize: 13 }}>
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </form>
  );
}
