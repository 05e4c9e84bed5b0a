import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TeamShell } from "~/components/team/team-shell.tsx";
import { sessionUser } from "~/server/auth.ts";

type Props = { children: ReactNode; params: Promise<{ teamId: string }> };

export default async function TeamLayout({ children, params }: Props) {
  const { teamId } = await params;
  const user = await sessionUser(await headers());
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/t/${teamId}`)}`);
  return (
    <TeamShell teamId={teamId} user={{ name: user.name, email: user.email }}>
      {children}
    </TeamShell>
  );
}
