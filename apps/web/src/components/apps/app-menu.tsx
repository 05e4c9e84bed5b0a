"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/lib/utils.ts";

/** The left menu, worded like the reference: App Settings, then Dev Tools > Authorization Profiles. */
export function AppMenu({ base }: { base: string }) {
  return (
    <nav aria-label="App settings" className="text-sm">
      <h2 className="px-2 pb-1 text-xs font-semibold text-muted">App Settings</h2>
      <ul className="grid gap-0.5">
        <li>
          <MenuLink href={`${base}/general`}>General</MenuLink>
        </li>
        <li>
          <h3 className="px-2 pt-3 pb-1 text-xs font-medium text-muted">Dev Tools</h3>
          <ul className="grid gap-0.5">
            <li>
              <MenuLink href={`${base}/profiles`}>Authorization Profiles</MenuLink>
            </li>
            <li>
              <MenuLink href={`${base}/tokens`}>Tokens</MenuLink>
            </li>
          </ul>
        </li>
      </ul>
    </nav>
  );
}

function MenuLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  // A profile's own page is still under Authorization Profiles.
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "block rounded-md px-2 py-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
        active && "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
      )}
    >
      {children}
    </Link>
  );
}
