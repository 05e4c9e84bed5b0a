"use client";
import { SunMoon } from "lucide-react";
import { Button } from "../ui/button.tsx";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "../ui/dropdown-menu.tsx";
import { ThemeMenuItems } from "./theme-menu-items.tsx";

/** The theme choice for pages with no account menu (sign-in, sign-up, invitations). */
export function ThemeSwitch() {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Theme">
          <SunMoon aria-hidden />
          <span className="sr-only sm:not-sr-only">Theme</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <ThemeMenuItems />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
