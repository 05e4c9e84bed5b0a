"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/lib/utils.ts";

/**
 * The left menu, worded like the reference: App Settings, then Dev Tools > Authorization Profiles.
 * On a phone it is one row of links above the page, without its headings.
 */
export function AppMenu({ base }: { base: string }) {
  return (
    <nav aria-label="App settings" className="text-sm">
      <h2 className="hidden px-2 pb-1 text-xs font-semibold text-muted md:block">App Settings</h2>
      <ul className="-mx-2 flex gap-1 overflow-x-auto px-2 md:mx-0 md:grid md:gap-0.5 md:px-0">
        <li>
          <MenuLink href={`${base}/general`}>General</MenuLink>
        </li>
        <li className="max-md:contents">
          <h3 className="hidden px-2 pt-3 pb-1 text-xs font-medium text-muted md:block">
            Dev Tools
          </h3>
          <ul className="contents md:grid md:gap-0.5">
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
        "block rounded-md px-2 py-1.5 whitespace-nowrap text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
        active && "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
      )}
    >
      {children}
    </Link>
  );
}
