"use client";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";

type Props = { open: boolean; onKeep: () => void; onDiscard: () => void };

/** Asked before a changed form closes: Escape or Keep editing goes back to it. */
export function DiscardChangesDialog({ open, onKeep, onDiscard }: Props) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onKeep()}>
      <DialogContent role="alertdialog" className="max-w-sm">
        <DialogHeader
          title="Discard your changes?"
          description="What you typed in this form is not saved yet."
        />
        <DialogFooter>
          <Button variant="secondary" onClick={onKeep}>
            Keep editing
          </Button>
          <Button variant="danger" onClick={onDiscard}>
            Discard changes
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
