import { mailSettingsOf } from "@authdeck/core/config";
import type { Metadata } from "next";
import { NotificationsPage } from "~/components/notifications/notifications-page.tsx";
import { webEnv } from "~/env.ts";

export const metadata: Metadata = { title: "Notifications" };

export default function Page() {
  return <NotificationsPage emailDomains={mailSettingsOf(webEnv())?.recipientDomains ?? null} />;
}
