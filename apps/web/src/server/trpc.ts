import "server-only";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { type ServerDeps, serverDeps } from "./deps.ts";

// ---- context ----

export type Context = ServerDeps & { headers: Headers };

export function createContext(options: { headers: Headers }): Context {
  return { ...serverDeps(), headers: options.headers };
}

// ---- init ----

const t = initTRPC.context<Context>().create({ transformer: superjson });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ---- procedures ----

/** Open to anyone, signed in or not: only for what reveals nothing about a team. */
export const publicProcedure = t.procedure;
