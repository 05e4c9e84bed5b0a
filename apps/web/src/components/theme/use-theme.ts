"use client";
import { useSyncExternalStore } from "react";
import { isTheme, THEME_EVENT, THEME_STORAGE_KEY, type Theme } from "~/lib/theme.ts";

declare global {
  interface Window {
    __applyTheme?: () => void;
  }
}

function read(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isTheme(stored) ? stored : "system";
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void) {
  // Another tab's choice arrives as a storage event; this tab's as our own event.
  window.addEventListener("storage", onChange);
  window.addEventListener(THEME_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(THEME_EVENT, onChange);
  };
}

/** The chosen theme ("system" until someone picks one) and a setter that applies and keeps it. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const theme = useSyncExternalStore(subscribe, read, () => "system" as const);
  const setTheme = (next: Theme) => {
    try {
      if (next === "system") localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice still applies to this page.
    }
    window.__applyTheme?.();
    window.dispatchEvent(new Event(THEME_EVENT));
  };
  return [theme, setTheme];
}

function subscribeToClass(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Whether the page is dark now (the choice, or the system under "system"), for canvas colours. */
export const useIsDark = () =>
  useSyncExternalStore(
    subscribeToClass,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
