"use client";
import { TriangleAlert } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "../ui/button.tsx";

type Props = {
  message: string;
  onReload: () => void;
  onSaveOver: () => void;
  pending: boolean;
};

/** Someone saved first: say so where the Save button is, keep the form, offer both ways out. */
export function StaleEditAlert({ message, onReload, onSaveOver, pending }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Block body: scrollIntoView may return a promise, which an effect must not return.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, []);
  return (
    <div
      ref={ref}
      role="alert"
      className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <p className="flex gap-2">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        {message}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={onReload} disabled={pending}>
          Discard mine and load theirs
        </Button>
        <Button variant="secondary" size="sm" onClick={onSaveOver} pending={pending}>
          Save mine over theirs
        </Button>
      </div>
    </div>
  );
}
