"use client";
import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { errorCodeOf, messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { ErrorState, Skeleton } from "../ui/states.tsx";
import { TeamProvider } from "./team-context.tsx";
import { TeamNav } from "./team-nav.tsx";
import { TeamNotFound } from "./team-not-found.tsx";
import { TeamSwitcher } from "./team-switcher.tsx";
import { UserMenu } from "./user-menu.tsx";

type Props = { teamId: string; user: { name: string; email: string }; children: ReactNode };

/** Top bar and frame of every team page; the pages render once the team is known. */
export function TeamShell({ teamId, user, children }: Props) {
  const trpc = useTRPC();
  const team = useQuery(trpc.team.get.queryOptions({ teamId }));

  let content: ReactNode;
  if (team.isPending) {
    content = (
      <div role="status" aria-label="Loading the team" className="grid gap-4">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  } else if (team.isError) {
    content =
      errorCodeOf(team.error) === "NOT_FOUND" ? (
        <TeamNotFound />
      ) : (
        <ErrorState
          message={messageOf(team.error)}
          onRetry={() => team.refetch()}
          retrying={team.isRefetching}
        />
      );
  } else {
    content = <TeamProvider value={team.data}>{children}</TeamProvider>;
  }

  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
          <Link href="/" aria-label="Authdeck home" className="shrink-0">
            <KeyRound className="size-5" aria-hidden />
          </Link>
          <span className="text-zinc-300 dark:text-zinc-700" aria-hidden>
            /
          </span>
          <TeamSwitcher currentTeamId={teamId} />
          {team.data && <TeamNav team={team.data} />}
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{content}</main>
    </div>
  );
}
