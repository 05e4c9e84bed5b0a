"use client";
import { teamNameSchema, userNameSchema } from "@authdeck/core/client";
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

type Errors = Partial<Record<"name" | "email" | "password" | "teamName" | "form", string>>;

export function SignUpForm({ invite }: { invite?: string }) {
  const preview = useInvitationPreview(invite);
  const afterAuth = useAfterAuth();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? "");
    let teamName: string | undefined;
    if (!invite) {
      // Checked before the account exists, so a bad name never leaves someone without a team.
      const parsed = teamNameSchema.safeParse(value("teamName"));
      if (!parsed.success) {
        setErrors({ teamName: parsed.error.issues[0]?.message });
        return;
      }
      teamName = parsed.data;
    }
    const name = userNameSchema.safeParse(value("name"));
    if (!name.success) {
      setErrors({ name: name.error.issues[0]?.message });
      return;
    }
    setErrors({});
    setPending(true);
    const account = { email: value("email").trim(), password: value("password") };
    // Sign-up answers the same whether or not the address has an account, and signs no one
    // in; signing in next tells the two apart only to whoever holds the password.
    const signedUp = await authClient.signUp.email({ ...account, name: name.data });
    const { error } = signedUp.error ? signedUp : await authClient.signIn.email(account);
    if (error) {
      const described = describeAuthError(error);
      const message =
        error.code === "INVALID_EMAIL_OR_PASSWORD"
          ? "Could not sign you in with this email address and password. If you already have an account, sign in instead."
          : described.message;
      setErrors({ [described.field ?? "form"]: message });
      setPending(false);
      return;
    }
    await afterAuth({ invite, teamName });
  }

  const invitationUnusable = Boolean(invite) && preview.isError;
  const query = invite ? `?invite=${encodeURIComponent(invite)}` : "";
  return (
    <AuthFrame
      title={invite ? "Sign up to join" : "Create your account"}
      description={invite ? undefined : "Your account comes with a team of your own."}
      footer={
        <>
          Already have an account?{" "}
          <Link href={`/sign-in${query}`} className="font-medium underline underline-offset-4">
            Sign in
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
        <Link href="/sign-up" className="text-sm font-medium underline underline-offset-4">
          Sign up without an invitation
        </Link>
      ) : (
        <form onSubmit={onSubmit} className="grid gap-4">
          {errors.form && <Alert>{errors.form}</Alert>}
          <Field id="name" label="Name" error={errors.name}>
            <Input
              {...controlProps("name", errors.name)}
              name="name"
              autoComplete="name"
              required
              maxLength={80}
            />
          </Field>
          <Field id="email" label="Email" error={errors.email}>
            <Input
              {...controlProps("email", errors.email)}
              name="email"
              type="email"
              autoComplete="email"
              required
            />
          </Field>
          <Field
            id="password"
            label="Password"
            hint="At least 10 characters, and hard to guess: a few uncommon words work well."
            error={errors.password}
          >
            <Input
              {...controlProps("password", errors.password, true)}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={128}
            />
          </Field>
          {!invite && (
            <Field
              id="teamName"
              label="Team name"
              hint="You can invite people to it later."
              error={errors.teamName}
            >
              <Input
                {...controlProps("teamName", errors.teamName, true)}
                name="teamName"
                autoComplete="organization"
                required
                maxLength={80}
              />
            </Field>
          )}
          <Button type="submit" pending={pending}>
            {invite ? "Sign up and join" : "Create account"}
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}
