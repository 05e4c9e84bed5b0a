"use client";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth-client.ts";
import { Button } from "../ui/button.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { Alert } from "../ui/states.tsx";
import { AuthFrame } from "./auth-frame.tsx";
import { InvitationNotice } from "./invitation-notice.tsx";
import { useAfterAuth } from "./use-after-auth.ts";
import { useInvitationPreview } from "./use-invitation.ts";

type Errors = Partial<Record<"email" | "password" | "form", string>>;

export function SignInForm({ invite, next }: { invite?: string; next?: string }) {
  const preview = useInvitationPreview(invite);
  const afterAuth = useAfterAuth();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors({});
    setPending(true);
    const { error } = await authClient.signIn.email({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    if (error) {
      const described = describeAuthError(error);
      setErrors({ [described.field ?? "form"]: described.message });
      setPending(false);
      return;
    }
    await afterAuth({ invite, next });
  }

  const invitationUnusable = Boolean(invite) && preview.isError;
  const query = invite ? `?invite=${encodeURIComponent(invite)}` : "";
  return (
    <AuthFrame
      title={invite ? "Sign in to join" : "Sign in"}
      description={invite ? undefined : "Sign in with your Authdeck account."}
      footer={
        <>
          New to Authdeck?{" "}
          <Link href={`/sign-up${query}`} className="font-medium underline underline-offset-4">
            Create an account
          </Link>
        </>
      }
    >
      {invite && (
        <div className="mb-4">
          <InvitationNotice preview={preview} />
        </div>
      )}
      {invitationUnusable ? (
        <Link href="/sign-in" className="text-sm font-medium underline underline-offset-4">
          Sign in without an invitation
        </Link>
      ) : (
        <form onSubmit={onSubmit} className="grid gap-4">
          {errors.form && <Alert>{errors.form}</Alert>}
          <Field id="email" label="Email" error={errors.email}>
            <Input
              {...controlProps("email", errors.email)}
              name="email"
              type="email"
              autoComplete="email"
              required
            />
          </Field>
          <Field id="password" label="Password" error={errors.password}>
            <Input
              {...controlProps("password", errors.password)}
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </Field>
          <Button type="submit" pending={pending}>
            {invite ? "Sign in and join" : "Sign in"}
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}
