"use client";
import type { Role } from "@authdeck/core/client";
import { Check, Copy } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { roleLabel } from "~/lib/format.ts";
import { Button } from "../ui/button.tsx";
import { Input } from "../ui/input.tsx";
import { RelativeTime } from "../ui/relative-time.tsx";

type Props = {
  url: string;
  role: Role;
  expiresAt: Date;
  onDone: () => void;
};

/** The one time a link's token is visible: only its hash is stored, so it cannot be shown again. */
export function InviteLink({ url, role, expiresAt, onDone }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      toast.success("Invite link copied");
    } catch {
      input.current?.select();
      toast.error("Copying was refused by the browser; the link is selected, copy it by hand");
    }
  }

  return (
    <div className="grid gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 dark:border-emerald-900 dark:bg-emerald-950">
      <label htmlFor="invite-link" className="text-sm font-medium">
        Invite link
      </label>
      <div className="flex gap-2">
        <Input
          ref={input}
          id="invite-link"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono text-xs"
          aria-describedby="invite-link-message"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p id="invite-link-message" className="text-sm text-zinc-700 dark:text-zinc-300">
        Copy it now: it is shown only once. It lets one person join as {roleLabel(role)} and expires{" "}
        <RelativeTime at={expiresAt} />.
      </p>
      <div>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
