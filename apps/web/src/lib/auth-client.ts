"use client";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({
  baseURL: typeof window === "undefined" ? undefined : window.location.origin,
});

type AuthError = { status: number; code?: string | undefined; message?: string | undefined };

/** better-auth's answer in the product's words, with the field it is about when there is one. */
export function describeAuthError(error: AuthError): { field?: string; message: string } {
  switch (error.code) {
    // Our own checks (server/auth-hooks.ts) answer with the sentence to show.
    case "INVALID_NAME":
      return { field: "name", message: error.message ?? "Enter another name" };
    case "PASSWORD_TOO_WEAK":
      return { field: "password", message: error.message ?? "Choose a password harder to guess" };
    case "TOO_MANY_FAILED_SIGN_INS":
      return { message: error.message ?? "Too many failed sign-ins. Try again later." };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter a valid email address" };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: "Use at least 10 characters" };
    case "PASSWORD_TOO_LONG":
      return { field: "password", message: "Use at most 128 characters" };
    case "INVALID_PASSWORD":
      return { field: "currentPassword", message: "This is not your current password" };
    case "INVALID_EMAIL_OR_PASSWORD":
      return { message: "Wrong email or password" };
  }
  if (error.status === 429) return { message: "Too many attempts. Wait a minute and try again." };
  return { message: error.message || "Something went wrong; try again" };
}
