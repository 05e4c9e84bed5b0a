"use client";
import { formatExact } from "~/lib/format.ts";
import { formatRelative, useNow } from "~/lib/time.ts";

type Props = {
  at: Date;
  /** Words before the relative time, e.g. "expires": "expires in 3 days". */
  prefix?: string;
  className?: string;
};

/**
 * A date as people say it ("3 hours ago", "in 4 minutes"), renewed as time passes, with the
 * exact date and time on hover and for assistive technology.
 */
export function RelativeTime({ at, prefix, className }: Props) {
  const now = useNow(15_000);
  const relative = formatRelative(at, now);
  return (
    <time dateTime={at.toISOString()} title={formatExact(at)} className={className}>
      {prefix ? `${prefix} ${relative}` : relative}
    </time>
  );
}
