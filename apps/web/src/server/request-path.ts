import { safeNext } from "~/lib/safe-next.ts";

/**
 * The path and query a page was asked for, set by the proxy on every page request (whatever a
 * client sent under this name is replaced): a layout that sends someone to sign in can bring
 * them back to exactly that page.
 */
export const PATH_HEADER = "x-authdeck-path";

/** Where to return after sign-in: the page asked for when it lies inside `within`, else `within`. */
export function returnPath(requested: string | null, within: string): string {
  const path = safeNext(requested ?? undefined);
  const pathname = path.split(/[?#]/)[0];
  return pathname === within || pathname?.startsWith(`${within}/`) ? path : within;
}
