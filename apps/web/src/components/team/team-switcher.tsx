"use client";
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { roleLabel } from "~/lib/format.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogContent, DialogHeader } from "../ui/dialog.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu.tsx";
import { Skeleton } from "../ui/states.tsx";
import { CreateTeamForm } from "./create-team-form.tsx";

export function TeamSwitcher({ currentTeamId }: { currentTeamId: string }) {
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const current = teams.data?.find((team) => team.id === currentTeamId);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="sm"
            className="min-w-0 max-w-64 shrink font-semibold"
            title="Switch team"
          >
            {teams.isPending ? (
              <Skeleton className="h-4 w-24" />
            ) : (
              <span className="truncate">{current?.name ?? "Choose a team"}</span>
            )}
            <ChevronsUpDown className="text-zinc-400" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>Your teams</DropdownMenuLabel>
          {teams.isError && (
            <p className="px-2 py-1.5 text-red-600 dark:text-red-400">Could not load your teams</p>
          )}
          {teams.data?.map((team) => (
            <DropdownMenuItem key={team.id} asChild>
              <Link href={`/t/${team.id}`}>
                <Check
                  className={team.id === currentTeamId ? "opacity-100" : "opacity-0"}
                  aria-hidden
                />
                <span className="flex-1 truncate">{team.name}</span>
                <span className="text-xs text-muted">{roleLabel(team.role)}</span>
              </Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden />
            Create team
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent>
          <DialogHeader
            title="Create team"
            description="You become its owner and can invite people to it."
          />
          <CreateTeamForm onCreated={() => setCreating(false)} />
        </DialogContent>
      </Dialog>
    </>
  );
}
