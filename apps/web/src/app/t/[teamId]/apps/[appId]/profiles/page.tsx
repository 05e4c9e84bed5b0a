import type { Metadata } from "next";
import { ProfilesPanel } from "~/components/apps/profiles-panel.tsx";

export const metadata: Metadata = { title: "Authorization Profiles" };

export default function ProfilesPage() {
  return <ProfilesPanel />;
}
