"use client";
import { can } from "@authdeck/core/client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/lib/utils.ts";
import type { CurrentTeam } from "./team-context.tsx";

export function TeamNav({ team }: { team: CurrentTeam }) {
  const pathname = usePathname();
  const base = `/t/${team.id}`;
  const links = [
    { href: base, label: "Apps", active: pathname === base || pathname.startsWith(`${base}/apps`) },
    {
      href: `${base}/credentials`,
      label: "Credentials",
      active: pathname.startsWith(`${base}/credentials`),
    },
    { href: `${base}/members`, label: "Members", active: pathname.startsWith(`${base}/members`) },
    {
      href: `${base}/notifications`,
      label: "Notifications",
      active: pathname.startsWith(`${base}/notifications`),
    },
    ...(can(team.role, "audit.read")
      ? [
          {
            href: `${base}/audit`,
            label: "Audit log",
            active: pathname.startsWith(`${base}/audit`),
          },
        ]
      : []),
    ...(can(team.role, "apiKey.manage")
      ? [
          {
            href: `${base}/api-keys`,
            label: "API keys",
            active: pathname.startsWith(`${base}/api-keys`),
          },
        ]
      : []),
  ];
  return (
    // On a phone the links take a row of their own under the team and account controls.
    <nav
      aria-label="Team"
      className="order-last -mx-2 flex w-[calc(100%+1rem)] items-center gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:ml-2 sm:w-auto"
    >
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.active ? "page" : undefined}
          className={cn(
            "shrink-0 rounded-md px-2.5 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
            link.active && "font-medium text-zinc-900 dark:text-zinc-100",
          )}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
