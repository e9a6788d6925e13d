import { ForgotPasswordForm } from "./forgot-password-form";

export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <main className="sign-in">
      <section className="tw-card">
        <h1>Reset your password</h1>
        <p className="lead">We e-mail you a link to choose a new one.</p>
        <ForgotPasswordForm />
      </section>
    </main>
  );
}
