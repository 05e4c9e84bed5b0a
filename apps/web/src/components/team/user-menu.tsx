"use client";
import { Activity, LogOut } from "lucide-react";
import Link from "next/link";
import { Button } from "../ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu.tsx";

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  async function signOut() {
    // Loaded on use: the sign-in library would otherwise weigh on every team page.
    const { authClient } = await import("~/lib/auth-client.ts");
    await authClient.signOut();
    // A full load, so nothing of this person's stays in memory for the next one.
    window.location.assign("/sign-in");
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Account: ${user.name}`}>
          <span
            className="flex size-6 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-white uppercase dark:bg-zinc-100 dark:text-zinc-900"
            aria-hidden
          >
            {user.name.trim().charAt(0) || "?"}
          </span>
          <span className="hidden max-w-40 truncate sm:inline">{user.name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <div className="px-2 py-1.5">
          <p className="truncate font-medium">{user.name}</p>
          <p className="truncate text-xs text-zinc-500">{user.email}</p>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/status">
            <Activity aria-hidden />
            System status
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={signOut}>
          <LogOut aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
