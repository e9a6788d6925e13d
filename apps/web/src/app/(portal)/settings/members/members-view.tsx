"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, formatRelativeTime, SecretOnce } from "@tidewire/ui";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";

type Role = "OWNER" | "ADMIN" | "VIEWER";
const ROLES: Role[] = ["OWNER", "ADMIN", "VIEWER"];

export function MembersView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite, email: me } = useAccess();
  const members = useQuery(trpc.members.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const [invite, setInvite] = useState<{ email: string; role: Role }>({ email: "", role: "VIEWER" });
  const [link, setLink] = useState<string | null>(null);
  const send = useMutation(trpc.members.invite.mutationOptions({ onSuccess: (r) => (setLink(r.inviteUrl), setInvite({ email: "", role: "VIEWER" }), void refresh()) }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess: () => void refresh() }));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: () => void refresh() }));
  const error = send.error ?? revoke.error ?? changeRole.error ?? remove.error;
  return (
    <div className="tw-stack">
      {error ? (
        <div className="tw-alert tw-alert-bad" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <Card title="Members">
        <table className="tw-table" aria-label="Members">
          <thead>
            <tr>
              <th>Person</th>
              <th>Role</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(members.data?.members ?? []).map((m) => (
              <tr key={m.userId} data-member={m.email}>
                <td>
                  <strong>{m.name || m.email}</strong>
                  <div className="tw-hint">{m.email}</div>
                </td>
                <td>
                  {canWrite && m.email !== me ? (
                    <select aria-label={`Role of ${m.email}`} value={m.role} onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r.toLowerCase()}
                        </option>
                      ))}
                    </select>
                  ) : (
                    m.role.toLowerCase()
                  )}
                </td>
                <td className="tw-hint">{formatRelativeTime(m.lastLoginAt)}</td>
                <td>
                  {canWrite && m.email !== me ? (
                    <button
                      type="button"
                      className="tw-button tw-button-secondary tw-button-small"
                      onClick={() => {
                        if (window.confirm(`Remove ${m.email} from this tenant?`)) remove.mutate({ userId: m.userId });
                      }}
                    >
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Invitations">
        {link ? <SecretOnce label="Invitation link (also sent by e-mail)" value={link} onDone={() => setLink(null)} /> : null}
        {(members.data?.invitations ?? []).length ? (
          <table className="tw-table" aria-label="Invitations">
            <tbody>
              {members.data!.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{i.role.toLowerCase()}</td>
                  <td className="tw-hint">expires {new Date(i.expiresAt).toLocaleDateString("en-GB")}</td>
                  <td>
                    {canWrite ? (
                      <button type="button" className="tw-button tw-button-secondary tw-button-small" onClick={() => revoke.mutate({ id: i.id })}>
                        Withdraw
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="tw-muted">No pending invitations.</div>
        )}
        {canWrite ? (
          <form
            className="tw-row"
            style={{ marginTop: 12 }}
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              send.mutate(invite);
            }}
          >
            <input aria-label="E-mail to invite" type="email" className="tw-input" placeholder="colleague@example.com" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} required />
            <select aria-label="Role" value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
            <button className="tw-button" type="submit" disabled={send.isPending}>
              Invite
            </button>
          </form>
        ) : null}
      </Card>
    </div>
  );
}
