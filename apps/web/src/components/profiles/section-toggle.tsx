"use client";
import { ChevronRight } from "lucide-react";
import { cn } from "~/lib/utils.ts";
import { Button } from "../ui/button.tsx";

type Props = {
  label: string;
  /** What the folded part holds, shown beside the button while it is folded too. */
  summary: string;
  /** The id of the part it folds. */
  controls: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** The button that folds one of the dialog's optional parts, and what that part holds. */
export function SectionToggle({ label, summary, controls, open, onOpenChange }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Button
        variant="ghost"
        size="sm"
        aria-expanded={open}
        aria-controls={controls}
        onClick={() => onOpenChange(!open)}
      >
        <ChevronRight className={cn("transition-transform", open && "rotate-90")} aria-hidden />
        {label}
      </Button>
      <span className="text-xs text-muted">{summary}</span>
    </div>
  );
}
