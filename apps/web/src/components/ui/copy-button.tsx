"use client";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "./button.tsx";

/**
 * Copies `text` to the clipboard and says so; `label` names what is copied for screen readers,
 * `shown` replaces the visible word "Copy" where the button stands on its own.
 */
export function CopyButton({
  text,
  label,
  shown,
}: {
  text: string;
  label: string;
  shown?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.success("Copied to the clipboard");
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      toast.error("The clipboard is not available here; select the text and copy it instead");
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {copied ? "Copied" : (shown ?? "Copy")}
    </Button>
  );
}
