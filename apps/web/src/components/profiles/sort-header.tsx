import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Th } from "../ui/table.tsx";

export type SortKey = "name" | "identityProviderName" | "type" | "updatedAt";
export type Sort = { sort: SortKey; direction: "asc" | "desc" };

type Props<K extends string> = {
  label: string;
  column: K;
  value: { sort: K; direction: "asc" | "desc" };
  onChange: (sort: { sort: K; direction: "asc" | "desc" }) => void;
  className?: string;
};

/** A column header that sorts the list by itself; a second press reverses the order. */
export function SortHeader<K extends string = SortKey>({
  label,
  column,
  value,
  onChange,
  className,
}: Props<K>) {
  const active = value.sort === column;
  const Icon = !active ? ArrowUpDown : value.direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <Th
      className={className}
      aria-sort={active ? (value.direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <button
        type="button"
        className="inline-flex items-center gap-1 rounded-sm hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900 dark:hover:text-zinc-100"
        onClick={() =>
          onChange({
            sort: column,
            direction: active && value.direction === "asc" ? "desc" : "asc",
          })
        }
      >
        {label}
        <Icon className={active ? "size-3.5" : "size-3.5 opacity-40"} aria-hidden />
      </button>
    </Th>
  );
}
