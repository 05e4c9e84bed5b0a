"use client";
import { Ellipsis } from "lucide-react";
import { useState } from "react";
import type { RouterOutputs } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu.tsx";
import { ChangeRoleDialog } from "./change-role-dialog.tsx";
import { RemoveMemberDialog } from "./remove-member-dialog.tsx";
import { useTeam } from "./team-context.tsx";
import { TransferOwnershipDialog } from "./transfer-ownership-dialog.tsx";

export type TeamMember = RouterOutputs["member"]["list"][number];
type Action = "role" | "transfer" | "remove";

/** What your role lets you do to this member; nothing is shown when that is nothing. */
export function MemberActions({ member }: { member: TeamMember }) {
  const team = useTeam();
  const [action, setAction] = useState<Action | null>(null);
  const other = !member.isYou && member.role !== "owner";
  const allowed: Array<{ action: Action; label: string }> = [
    ...(other && team.can("member.changeRole")
      ? [{ action: "role" as const, label: "Change role" }]
      : []),
    ...(other && team.can("team.transfer")
      ? [{ action: "transfer" as const, label: "Transfer ownership" }]
      : []),
    ...(other && team.can("member.remove")
      ? [{ action: "remove" as const, label: "Remove from team" }]
      : []),
  ];
  if (allowed.length === 0) return null;

  const close = (open: boolean) => !open && setAction(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${member.name}`}>
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="min-w-44">
          {allowed.map((item) => (
            <DropdownMenuItem
              key={item.action}
              onSelect={() => setAction(item.action)}
              className={item.action === "remove" ? "text-red-600 dark:text-red-400" : undefined}
            >
              {item.label}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <ChangeRoleDialog
        key={member.role}
        member={member}
        open={action === "role"}
        onOpenChange={close}
      />
      <TransferOwnershipDialog member={member} open={action === "transfer"} onOpenChange={close} />
      <RemoveMemberDialog member={member} open={action === "remove"} onOpenChange={close} />
    </>
  );
}
