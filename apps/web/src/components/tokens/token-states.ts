import { tokenStateNow } from "@authdeck/core/client";
import type { TokenView } from "./dashboard-types.ts";

export type TokenStatus = TokenView["status"];

/** The server's status, moved on by the clock, by the rule every page uses. */
export const statusAt = (token: TokenView, now: number): TokenStatus =>
  tokenStateNow(token.status, token.expiresAt, new Date(now));
