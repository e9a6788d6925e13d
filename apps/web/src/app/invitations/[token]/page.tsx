import { pageAccess } from "@/server/auth/page-access";
import { AcceptInvitation } from "./accept-invitation";

export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { principal } = await pageAccess();
  return (
    <main className="sign-in">
      <section className="tw-card wide">
        <AcceptInvitation token={token} signedInAs={principal?.email ?? null} />
      </section>
    </main>
  );
}
