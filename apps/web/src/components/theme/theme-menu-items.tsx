"use client";
import { Monitor, Moon, Sun } from "lucide-react";
import { isTheme } from "~/lib/theme.ts";
import {
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
} from "../ui/dropdown-menu.tsx";
import { useTheme } from "./use-theme.ts";

const CHOICES = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

/** The theme switch, as a group of menu radio items. */
export function ThemeMenuItems() {
  const [theme, setTheme] = useTheme();
  return (
    <>
      <DropdownMenuLabel>Theme</DropdownMenuLabel>
      <DropdownMenuRadioGroup
        value={theme}
        onValueChange={(value) => isTheme(value) && setTheme(value)}
      >
        {CHOICES.map(({ value, label, icon: Icon }) => (
          <DropdownMenuRadioItem
            key={value}
            value={value}
            // Choosing keeps the menu open, so the change can be seen and undone.
            onSelect={(event) => event.preventDefault()}
          >
            <Icon aria-hidden />
            {label}
          </DropdownMenuRadioItem>
        ))}
      </DropdownMenuRadioGroup>
    </>
  );
}
