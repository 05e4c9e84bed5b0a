"use client";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({
  baseURL: typeof window === "undefined" ? undefined : window.location.origin,
});

type AuthError = { status: number; code?: string | undefined; message?: string | undefined };

/** better-auth's answer in the product's words, with the field it is about when there is one. */
export function describeAuthError(error: AuthError): { field?: string; message: string } {
  if (error.status === 429) return { message: "Too many attempts. Wait a minute and try again." };
  switch (error.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return { field: "email", message: "An account with this email already exists" };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter a valid email address" };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: "Use at least 10 characters" };
    case "PASSWORD_TOO_LONG":
      return { field: "password", message: "Use at most 128 characters" };
    case "INVALID_EMAIL_OR_PASSWORD":
      return { message: "Wrong email or password" };
    default:
      return { message: error.message || "Something went wrong; try again" };
  }
}
