import type { ReactNode } from "react";

/** A chart's key: each mark's shape next to its name, so no mark is told apart by colour alone. */
export function ChartKey({ items }: { items: Array<{ label: string; swatch: ReactNode }> }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
            {item.swatch}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
