import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignUpForm } from "~/components/auth/sign-up-form.tsx";
import { firstParam } from "~/lib/safe-next.ts";
import { sessionUser } from "~/server/auth.ts";

export const metadata: Metadata = { title: "Sign up" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const invite = firstParam((await searchParams).invite);
  if (await sessionUser(await headers())) {
    redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
  }
  return <SignUpForm invite={invite} />;
}
