import type { Metadata } from "next";
import { ProfilesPage } from "~/components/profiles/profiles-page.tsx";

export const metadata: Metadata = { title: "Authorization Profiles" };

export default function AuthorizationProfilesPage() {
  return <ProfilesPage />;
}
