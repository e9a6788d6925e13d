import { ResetPasswordForm } from "./reset-password-form";

export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="sign-in">
      <section className="tw-card">
        <h1>Choose a new password</h1>
        <p className="lead">At least 10 characters.</p>
        <ResetPasswordForm token={token} />
      </section>
    </main>
  );
}
