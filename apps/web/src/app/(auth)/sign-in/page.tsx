import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "~/components/auth/sign-in-form.tsx";
import { firstParam, safeNext } from "~/lib/safe-next.ts";
import { sessionUser } from "~/server/auth.ts";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const invite = firstParam(params.invite);
  const next = firstParam(params.next);
  if (await sessionUser(await headers())) {
    redirect(invite ? `/invite/${encodeURIComponent(invite)}` : safeNext(next));
  }
  return <SignInForm invite={invite} next={next} />;
}
