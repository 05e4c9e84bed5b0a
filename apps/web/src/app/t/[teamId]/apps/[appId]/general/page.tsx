import type { Metadata } from "next";
import { AppGeneral } from "~/components/apps/app-general.tsx";

export const metadata: Metadata = { title: "General" };

export default function GeneralPage() {
  return <AppGeneral />;
}
