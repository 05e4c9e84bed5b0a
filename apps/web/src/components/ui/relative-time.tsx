"use client";
import { formatExact } from "~/lib/format.ts";
import { formatRelative, useNow } from "~/lib/time.ts";

type Props = {
  at: Date;
  /** Words before the relative time, e.g. "expires": "expires in 3 days". */
  prefix?: string;
  /** The time the page's countdowns count from (the server's, on the Tokens page). */
  now?: number;
  className?: string;
};

/**
 * A date as people say it ("3 hours ago", "in 4 minutes"), renewed on the page's shared
 * one-second tick, with the exact date and time on hover and for assistive technology.
 */
export function RelativeTime({ at, prefix, now, className }: Props) {
  const tick = useNow();
  const relative = formatRelative(at, now === undefined ? tick : new Date(now));
  return (
    <time dateTime={at.toISOString()} title={formatExact(at)} className={className} data-relative>
      {prefix ? `${prefix} ${relative}` : relative}
    </time>
  );
}
