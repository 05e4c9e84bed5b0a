"use client";
import { Activity, KeyRound, LogOut } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ChangePasswordDialog } from "../auth/change-password-dialog.tsx";
import { ThemeMenuItems } from "../theme/theme-menu-items.tsx";
import { Button } from "../ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu.tsx";

export function UserMenu({ user }: { user: { name: string; email: string } }) {
  const [changingPassword, setChangingPassword] = useState(false);

  async function signOut() {
    // Loaded on use: the sign-in library would otherwise weigh on every team page.
    const { authClient } = await import("~/lib/auth-client.ts");
    await authClient.signOut();
    // A full load, so nothing of this person's stays in memory for the next one.
    window.location.assign("/sign-in");
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm">
            <span
              className="flex size-6 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-white uppercase dark:bg-zinc-100 dark:text-zinc-900"
              aria-hidden
            >
              {user.name.trim().charAt(0) || "?"}
            </span>
            {/* The name is the button's name too; on phones only screen readers get it. */}
            <span className="sr-only">Account: </span>
            <span className="sr-only max-w-40 truncate sm:not-sr-only">{user.name}</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <div className="px-2 py-1.5">
            <p className="truncate font-medium">{user.name}</p>
            <p className="truncate text-xs text-muted">{user.email}</p>
          </div>
          <DropdownMenuSeparator />
          <ThemeMenuItems />
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/status">
              <Activity aria-hidden />
              System status
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setChangingPassword(true)}>
            <KeyRound aria-hidden />
            Change password
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={signOut}>
            <LogOut aria-hidden />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ChangePasswordDialog open={changingPassword} onOpenChange={setChangingPassword} />
    </>
  );
}
