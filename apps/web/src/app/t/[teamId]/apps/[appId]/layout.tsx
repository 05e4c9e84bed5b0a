import type { ReactNode } from "react";
import { AppShell } from "~/components/apps/app-shell.tsx";

type Props = { children: ReactNode; params: Promise<{ appId: string }> };

export default async function AppLayout({ children, params }: Props) {
  const { appId } = await params;
  return <AppShell appId={appId}>{children}</AppShell>;
}
