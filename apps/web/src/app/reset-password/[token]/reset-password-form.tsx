"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useTRPC } from "@/trpc/client";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const reset = useMutation(trpc.session.resetPassword.mutationOptions({ onSuccess: () => router.replace("/sign-in?reset=1") }));
  const mismatch = again.length > 0 && password !== again;
  return (
    <form
      aria-label="New password"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!mismatch) reset.mutate({ token, password });
      }}
    >
      {reset.error ? <div className="tw-alert tw-alert-bad" role="alert">{errorText(reset.error)}</div> : null}
      <div className="tw-field">
        <label htmlFor="password">New password</label>
        <input id="password" type="password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
      </div>
      <div className="tw-field">
        <label htmlFor="again">Again</label>
        <input id="again" type="password" value={again} onChange={(e) => setAgain(e.target.value)} required autoComplete="new-password" />
        {mismatch ? <span className="tw-error">The two passwords differ.</span> : null}
      </div>
      <button className="tw-button" type="submit" disabled={reset.isPending || mismatch} style={{ width: "100%" }}>
        {reset.isPending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
