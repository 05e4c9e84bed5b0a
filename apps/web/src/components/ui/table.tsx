import type { ComponentProps } from "react";
import { cn } from "~/lib/utils.ts";

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    // Relative: screen-reader-only text in cells is positioned absolutely, and would otherwise
    // escape this scroll box and widen the page.
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-zinc-200 px-4 py-2.5 text-xs font-medium text-muted dark:border-zinc-800 dark:text-zinc-400",
        className,
      )}
      {...props}
    />
  );
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={cn("border-b border-zinc-100 last:border-0 dark:border-zinc-800", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle", className)} {...props} />;
}
