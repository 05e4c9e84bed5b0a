import { ChevronLeft, ChevronRight } from "lucide-react";
import { formatCount } from "~/lib/format.ts";
import { Button } from "./button.tsx";

type Props = {
  page: number;
  pageSize: number;
  total: number;
  /** More than `total` exist (the server stopped counting): Next stays available. */
  totalCapped?: boolean;
  /** What is counted, plural: "profiles". */
  noun: string;
  onPageChange: (page: number) => void;
};

/**
 * "21–40 of 45 profiles" with Previous and Next; nothing when one page holds everything. A
 * capped total reads "of more than 1,000 profiles" and "Page 3" without a last page.
 */
export function Pagination({ page, pageSize, total, totalCapped, noun, onPageChange }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1 && !totalCapped) return null;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
      <p className="text-zinc-600 tabular-nums dark:text-zinc-400">
        {first}–{last} of {totalCapped ? `more than ${formatCount(total)}` : formatCount(total)}{" "}
        {noun}
      </p>
      <div className="flex items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={page <= 1}
          onClick={() => onPageChange(page - 1)}
        >
          <ChevronLeft aria-hidden />
          Previous
        </Button>
        <span className="tabular-nums" aria-current="page">
          {totalCapped ? `Page ${page}` : `Page ${page} of ${pages}`}
        </span>
        <Button
          variant="secondary"
          size="sm"
          disabled={page >= pages && !totalCapped}
          onClick={() => onPageChange(page + 1)}
        >
          Next
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
