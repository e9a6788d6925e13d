import "server-only";
import type { Services } from "../services";

export const inviteUrl = (s: Services, token: string) => `${s.config.PUBLIC_URL.replace(/\/$/, "")}/invitations/${token}`;
export const resetUrl = (s: Services, token: string) => `${s.config.PUBLIC_URL.replace(/\/$/, "")}/reset-password/${token}`;

export async function sendInvitation(s: Services, input: { to: string; tenantName: string; inviter: string; role: string; token: string }) {
  await s.mailer.send({
    to: input.to,
    subject: `You are invited to ${input.tenantName} on Tidewire`,
    text: [
      `${input.inviter} invited you to join ${input.tenantName} on Tidewire as ${input.role.toLowerCase()}.`,
      "",
      `Accept the invitation: ${inviteUrl(s, input.token)}`,
      "",
      "The link works for 7 days. If you did not expect this, ignore this e-mail.",
    ].join("\n"),
  });
}

export async function sendPasswordReset(s: Services, input: { to: string; token: string }) {
  await s.mailer.send({
    to: input.to,
    subject: "Reset your Tidewire password",
    text: [
      "Someone (hopefully you) asked to reset the password of this Tidewire account.",
      "",
      `Choose a new password: ${resetUrl(s, input.token)}`,
      "",
      "The link works once, for one hour. If you did not ask for it, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  });
}
