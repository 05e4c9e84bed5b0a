"use client";
import { createContext, useContext } from "react";
import type { RouterOutputs } from "~/lib/trpc.tsx";

const AppContext = createContext<RouterOutputs["app"]["get"] | null>(null);
export const AppProvider = AppContext.Provider;

/** The app of the page, loaded by the app shell before any of its pages render. */
export function useApp() {
  const app = useContext(AppContext);
  if (!app) throw new Error("useApp() is used outside the app shell");
  return app;
}
