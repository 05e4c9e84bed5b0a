import { KeyRound } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeSwitch } from "../theme/theme-switch.tsx";

/** The centred card the sign-in, sign-up and invitation pages share. */
export function AuthFrame({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 font-semibold tracking-tight">
        <KeyRound className="size-5" aria-hidden />
        Authdeck
      </div>
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
        )}
        <div className="mt-6">{children}</div>
      </div>
      {footer && <div className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">{footer}</div>}
      <Link
        href="/status"
        className="mt-8 text-xs text-muted underline-offset-4 hover:underline dark:text-zinc-400"
      >
        System status
      </Link>
      {/* Last in the tab order, after the form; shown in the corner. */}
      <div className="absolute top-3 right-3">
        <ThemeSwitch />
      </div>
    </main>
  );
}
