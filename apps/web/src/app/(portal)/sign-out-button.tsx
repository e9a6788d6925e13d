"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button className="tw-button tw-button-secondary" type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
      Sign out
    </button>
  );
}
