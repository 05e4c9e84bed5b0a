"use client";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";
import { controlProps, Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { Alert } from "../ui/states.tsx";

type Errors = Partial<Record<"currentPassword" | "newPassword" | "form", string>>;

/** Opened from the account menu; every other session of the person ends with the change. */
export function ChangePasswordDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors({});
    setPending(true);
    // Loaded on use, like sign-out: the sign-in library would otherwise weigh on every page.
    const { authClient, describeAuthError } = await import("~/lib/auth-client.ts");
    const { error } = await authClient.changePassword({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      revokeOtherSessions: true,
    });
    setPending(false);
    if (error) {
      const described = describeAuthError(error);
      const field = described.field === "password" ? "newPassword" : described.field;
      setErrors({
        [field === "currentPassword" || field === "newPassword" ? field : "form"]:
          described.message,
      });
      return;
    }
    toast.success("Password changed; every other session was signed out");
    onOpenChange(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setErrors({});
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader
          title="Change password"
          description="You stay signed in here; everywhere else you are signed out."
        />
        <form onSubmit={onSubmit} className="grid gap-4">
          {errors.form && <Alert>{errors.form}</Alert>}
          <Field id="current-password" label="Current password" error={errors.currentPassword}>
            <Input
              {...controlProps("current-password", errors.currentPassword)}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
            />
          </Field>
          <Field
            id="new-password"
            label="New password"
            hint="At least 10 characters, and hard to guess: a few uncommon words work well."
            error={errors.newPassword}
          >
            <Input
              {...controlProps("new-password", errors.newPassword, true)}
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={128}
            />
          </Field>
          <DialogFooter>
            <Button type="submit" pending={pending}>
              Change password
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
