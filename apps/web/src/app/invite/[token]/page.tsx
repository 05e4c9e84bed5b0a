import type { Metadata } from "next";
import { headers } from "next/headers";
import { JoinInvitation } from "~/components/auth/join-invitation.tsx";
import { sessionUser } from "~/server/auth.ts";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await sessionUser(await headers());
  return <JoinInvitation token={token} signedInAs={user?.email ?? null} />;
}
