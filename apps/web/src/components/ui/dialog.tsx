"use client";
import { Slot } from "@radix-ui/react-slot";
import dynamic from "next/dynamic";
import {
  type ComponentProps,
  createContext,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from "react";
import type { DialogWithContent } from "./dialog-parts.tsx";

// Dialogs as every page uses them, with Radix's part loaded when one first opens (dialog-parts.tsx).
// The trigger stays this module's own button, so it is never replaced while it has the focus;
// the content returns the focus to it on close.

const parts = () => import("./dialog-parts.tsx");
const LazyDialogWithContent = dynamic(() => parts().then((m) => m.DialogWithContent));
export const DialogHeader = dynamic(() => parts().then((m) => m.DialogHeader));
export const DialogClose = dynamic(() => parts().then((m) => m.DialogClose));

type State = { open: boolean; opened: boolean; setOpen: (open: boolean) => void };
const DialogState = createContext<State | null>(null);

function useDialogState(part: string): State {
  const state = useContext(DialogState);
  if (!state) throw new Error(`${part} must be inside a Dialog`);
  return state;
}

type DialogProps = {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  children: ReactNode;
};

export function Dialog({ open: given, defaultOpen = false, onOpenChange, children }: DialogProps) {
  const [own, setOwn] = useState(defaultOpen);
  const open = given ?? own;
  // Once opened, the dialog stays mounted (closed), so closing keeps Radix's focus handling.
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  const setOpen = useCallback(
    (next: boolean) => {
      if (given === undefined) setOwn(next);
      onOpenChange?.(next);
    },
    [given, onOpenChange],
  );
  const state = useMemo(() => ({ open, opened, setOpen }), [open, opened, setOpen]);
  return <DialogState.Provider value={state}>{children}</DialogState.Provider>;
}

/** The button that opens its dialog; `asChild` as everywhere: the child is the button. */
export function DialogTrigger({ children }: { asChild: true; children: ReactElement }) {
  const { open, setOpen } = useDialogState("DialogTrigger");
  return (
    <Slot aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
      {children}
    </Slot>
  );
}

type ContentProps = Omit<ComponentProps<typeof DialogWithContent>, "open" | "onOpenChange">;

/** The dialog itself: nothing (and no Radix code) until it first opens. */
export function DialogContent(props: ContentProps) {
  const { open, opened, setOpen } = useDialogState("DialogContent");
  if (!opened) return null;
  return <LazyDialogWithContent open={open} onOpenChange={setOpen} {...props} />;
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>;
}
