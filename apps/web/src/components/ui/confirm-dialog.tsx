"use client";
import type { ReactNode } from "react";
import { Button } from "./button.tsx";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader } from "./dialog.tsx";

type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  /** Choices that go with the action, between the question and the buttons. */
  children?: ReactNode;
};

/** Asks before an action that cannot be taken back; stays open until the action settles. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={(open) => !props.pending && props.onOpenChange(open)}>
      <DialogContent>
        <DialogHeader title={props.title} description={props.description} />
        {props.children}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary" disabled={props.pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button
            variant={props.danger ? "danger" : "primary"}
            pending={props.pending}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
