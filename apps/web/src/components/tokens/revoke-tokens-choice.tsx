"use client";

type Props = {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** The opt-in to revoke a profile's live tokens at the provider (RFC 7009) along an action. */
export function RevokeTokensChoice({ id, label, hint, checked, onChange }: Props) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
        checked={checked}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="grid gap-0.5">
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** What a "revoke all" came to, in words for a toast; null when nothing needs saying. */
export function revokedSummary(result: {
  revoked: number;
  failed: Array<{ tenant: string | null; problem: string }>;
  left: number;
}): { ok: boolean; text: string } {
  if (result.failed.length > 0) {
    const first = result.failed[0];
    const where = first?.tenant ? ` (tenant ${first.tenant})` : "";
    return {
      ok: false,
      text: `${result.failed.length} token${result.failed.length === 1 ? "" : "s"} not revoked${where}: ${first?.problem}`,
    };
  }
  const more = result.left > 0 ? `; ${result.left} more are left, revoke again` : "";
  return {
    ok: result.left === 0,
    text: `${result.revoked} token${result.revoked === 1 ? "" : "s"} revoked at the provider${more}`,
  };
}
