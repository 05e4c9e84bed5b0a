"use client";
import { Button } from "../ui/button.tsx";
import { DialogClose, DialogFooter } from "../ui/dialog.tsx";

type Props = {
  pending: boolean;
  /** Save & Test is offered when a test needs nothing more (no tenant to ask for). */
  canTest: boolean;
  onSaveAndTest: () => void;
  onSave: () => void;
};

/** Cancel, Save & Test and Save, kept in view while the fields scroll under them. */
export function ProfileFormFooter({ pending, canTest, onSaveAndTest, onSave }: Props) {
  return (
    <div className="sticky bottom-0 z-10 -mx-6 -mb-6 border-t border-zinc-200 bg-white px-6 py-4 dark:border-zinc-800 dark:bg-zinc-900">
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        {canTest && (
          <Button variant="secondary" disabled={pending} onClick={onSaveAndTest}>
            Save &amp; Test
          </Button>
        )}
        <Button type="submit" pending={pending} onClick={onSave}>
          Save
        </Button>
      </DialogFooter>
    </div>
  );
}
