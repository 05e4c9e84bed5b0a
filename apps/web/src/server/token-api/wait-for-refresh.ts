import "server-only";
import type { TokenState } from "@authdeck/core/db";
import * as tokens from "@authdeck/core/tokens";
import type { ServerDeps } from "../deps.ts";
import { wakeUps } from "../events.ts";

/**
 * The token API's refresh of a stale token (core's refreshAndWait), woken by the token's events
 * and recorded as asked for by the token API.
 */
export const refreshAndWait = (deps: ServerDeps, state: TokenState) =>
  tokens.refreshAndWait({ ...deps, wakeUps }, state, "api");
