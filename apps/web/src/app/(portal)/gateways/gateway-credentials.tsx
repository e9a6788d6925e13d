"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, formatRelativeTime, SecretOnce } from "@tidewire/ui";
import { useState, type FormEvent } from "react";
import { errorText } from "@/components/error-text";
import { useAccess } from "@/components/use-access";
import { useTRPC } from "@/trpc/client";

/** How gateways prove they are this tenant's: generic-gateway tokens (shown once) and the
 * Aruba username/password with an optional access-point allow-list. */
export function GatewayCredentials() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canWrite } = useAccess();
  const credentials = useQuery(trpc.gateways.credentials.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.gateways.credentials.queryKey() });
  const [token, setToken] = useState<string | null>(null);
  const [tokenName, setTokenName] = useState("");
  const createToken = useMutation(trpc.gateways.createToken.mutationOptions({ onSuccess: (r) => (setToken(r.token), setTokenName(""), void refresh()) }));
  const revoke = useMutation(trpc.gateways.revokeCredential.mutationOptions({ onSuccess: () => void refresh() }));
  const [aruba, setAruba] = useState({ name: "Aruba access points", username: "", password: "", macs: "" });
  const setArubaCredential = useMutation(
    trpc.gateways.setAruba.mutationOptions({ onSuccess: () => (setAruba((a) => ({ ...a, password: "" })), void refresh()) }),
  );

  return (
    <div className="tw-grid tw-grid-2">
      <Card title="Gateway credentials">
        {credentials.error ? <div className="tw-alert tw-alert-bad">{errorText(credentials.error)}</div> : null}
        {(credentials.data ?? []).length === 0 ? <div className="tw-muted">No credentials yet.</div> : null}
        <table className="tw-table" aria-label="Gateway credentials">
          <tbody>
            {(credentials.data ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <strong>{c.name}</strong>
                  <div className="tw-hint">
                    {c.kind === "ARUBA" ? (
                      <>
                        Aruba user <span className="tw-mono">{c.username}</span>
                        {c.allowedMacs.length ? ` · ${c.allowedMacs.length} allowed access point${c.allowedMacs.length === 1 ? "" : "s"}` : " · any access point"}
                      </>
                    ) : (
                      <>
                        token <span className="tw-mono">{c.tokenHint}…</span>
                      </>
                    )}{" "}
                    · {c.gateways} gateway{c.gateways === 1 ? "" : "s"} · last used {formatRelativeTime(c.lastUsedAt)}
                  </div>
                </td>
                <td className="tw-nowrap">
                  {c.revokedAt ? (
                    <Badge>revoked</Badge>
                  ) : canWrite ? (
                    <button
                      type="button"
                      className="tw-button tw-button-secondary tw-button-small"
                      onClick={() => {
                        if (window.confirm(`Revoke "${c.name}"? Gateways using it can no longer connect.`)) revoke.mutate({ id: c.id });
                      }}
                    >
                      Revoke
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {canWrite ? (
        <div className="tw-stack">
          <Card title="New token for a generic gateway">
            {token ? <SecretOnce label="Gateway token" value={token} onDone={() => setToken(null)} /> : null}
            {createToken.error ? <div className="tw-alert tw-alert-bad">{errorText(createToken.error)}</div> : null}
            <form
              className="tw-row"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                createToken.mutate({ name: tokenName });
              }}
            >
              <input aria-label="Token name" placeholder="Basement gateway" value={tokenName} onChange={(e) => setTokenName(e.target.value)} required className="tw-input" />
              <button className="tw-button" type="submit" disabled={createToken.isPending}>
                Create token
              </button>
            </form>
            <p className="tw-hint">The gateway connects to /gateway/v1 with the header Authorization: Bearer &lt;token&gt;.</p>
          </Card>
          <Card title="Aruba access points">
            {setArubaCredential.error ? <div className="tw-alert tw-alert-bad">{errorText(setArubaCredential.error)}</div> : null}
            {setArubaCredential.isSuccess ? <div className="tw-alert tw-alert-ok">Saved. Configure the same username and password on the access points.</div> : null}
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                setArubaCredential.mutate({
                  name: aruba.name,
                  username: aruba.username,
                  password: aruba.password,
                  allowedMacs: aruba.macs
                    .split(/[\s,;]+/)
                    .map((m) => m.trim())
                    .filter(Boolean),
                });
              }}
            >
              <div className="tw-field-row">
                <div className="tw-field">
                  <label htmlFor="aruba-username">Username</label>
                  <input id="aruba-username" value={aruba.username} onChange={(e) => setAruba({ ...aruba, username: e.target.value })} required autoComplete="off" />
                </div>
                <div className="tw-field">
                  <label htmlFor="aruba-password">Password</label>
                  <input id="aruba-password" type="password" value={aruba.password} onChange={(e) => setAruba({ ...aruba, password: e.target.value })} required minLength={12} autoComplete="new-password" />
                  <span className="tw-hint">Stored hashed; setting it again replaces it.</span>
                </div>
              </div>
              <div className="tw-field">
                <label htmlFor="aruba-macs">Allowed access points (optional)</label>
                <textarea id="aruba-macs" rows={2} className="tw-mono" placeholder="d0:15:46:c2:04:a2, 24f27f551bf4" value={aruba.macs} onChange={(e) => setAruba({ ...aruba, macs: e.target.value })} />
                <span className="tw-hint">MAC addresses; empty lets any access point with these credentials connect.</span>
              </div>
              <button className="tw-button" type="submit" disabled={setArubaCredential.isPending}>
                Save Aruba credentials
              </button>
            </form>
          </Card>
        </div>
      ) : null}
    </div>
  );
}
