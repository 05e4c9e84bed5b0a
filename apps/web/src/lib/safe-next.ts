/** Only paths on this site, so a crafted ?next= cannot send anyone elsewhere. */
export const safeNext = (next: string | undefined) =>
  next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";

/** One value of a search parameter that may be repeated. */
export const firstParam = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value[0] : value;
