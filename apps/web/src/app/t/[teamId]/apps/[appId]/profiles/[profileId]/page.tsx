import type { Metadata } from "next";
import { ProfileDetail } from "~/components/profiles/profile-detail.tsx";

export const metadata: Metadata = { title: "Authorization Profile" };

type Props = { params: Promise<{ profileId: string }> };

export default async function ProfilePage({ params }: Props) {
  const { profileId } = await params;
  return <ProfileDetail profileId={profileId} />;
}
