"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { type ComponentProps, type ReactNode, useRef } from "react";
import { cn } from "~/lib/utils.ts";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

/**
 * What should have the focus back when a dialog closes: the focused element, or for a dialog
 * opened from a menu item (gone once the menu closes) the button that opened the menu.
 */
function focusOwner(): HTMLElement | null {
  const active = document.activeElement as HTMLElement | null;
  const menu = active?.closest<HTMLElement>('[role="menu"]');
  const trigger = menu?.id
    ? document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`)
    : null;
  return trigger ?? active;
}

export function DialogContent({
  className,
  children,
  onOpenAutoFocus,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content>) {
  // Radix gives the focus back to a DialogTrigger only; most of our dialogs open from a plain
  // button or a row action, so remember what had the focus and return it there.
  const returnTo = useRef<HTMLElement | null>(null);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px]" />
      <DialogPrimitive.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-md overflow-y-auto -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border border-zinc-200 bg-white p-6 shadow-lg dark:border-zinc-800 dark:bg-zinc-900",
          className,
        )}
        onOpenAutoFocus={(event) => {
          returnTo.current = focusOwner();
          onOpenAutoFocus?.(event);
        }}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          if (event.defaultPrevented || !returnTo.current?.isConnected) return;
          event.preventDefault();
          returnTo.current.focus();
        }}
        {...props}
      >
        {children}
        {/* 28 px: a target a thumb can hit on a phone (WCAG 2.5.8 asks for 24 at least). */}
        <DialogPrimitive.Close
          className="absolute top-3 right-3 inline-flex size-7 items-center justify-center rounded-sm text-muted hover:text-zinc-900 dark:hover:text-zinc-100"
          aria-label="Close"
        >
          <X className="size-4" aria-hidden />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <div className="grid gap-1.5 pr-8">
      <DialogPrimitive.Title className="text-lg font-semibold">{title}</DialogPrimitive.Title>
      <DialogPrimitive.Description
        className={cn("text-sm text-zinc-600 dark:text-zinc-400", !description && "sr-only")}
      >
        {description ?? title}
      </DialogPrimitive.Description>
    </div>
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>;
}
