import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TeamShell } from "~/components/team/team-shell.tsx";
import { sessionUser } from "~/server/auth.ts";
import { PATH_HEADER, returnPath } from "~/server/request-path.ts";

type Props = { children: ReactNode; params: Promise<{ teamId: string }> };

export default async function TeamLayout({ children, params }: Props) {
  const { teamId } = await params;
  const requestHeaders = await headers();
  const user = await sessionUser(requestHeaders);
  if (!user) {
    // Back to the very page asked for (a deep link), once signed in.
    const next = returnPath(requestHeaders.get(PATH_HEADER), `/t/${teamId}`);
    redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  return (
    <TeamShell teamId={teamId} user={{ name: user.name, email: user.email }}>
      {children}
    </TeamShell>
  );
}
