"use client";
import { useQuery } from "@tanstack/react-query";
import { SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { errorCodeOf, messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { Button } from "../ui/button.tsx";
import { EmptyState, ErrorState, Skeleton } from "../ui/states.tsx";
import { AppProvider } from "./app-context.tsx";
import { AppMenu } from "./app-menu.tsx";

export function AppShell({ appId, children }: { appId: string; children: ReactNode }) {
  const trpc = useTRPC();
  const team = useTeam();
  const app = useQuery(trpc.app.get.queryOptions({ teamId: team.id, appId }));
  const appsHref = `/t/${team.id}`;

  if (app.isPending) {
    return (
      <div role="status" aria-label="Loading the app" className="grid gap-4">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (app.isError) {
    return errorCodeOf(app.error) === "NOT_FOUND" ? (
      <EmptyState
        icon={<SearchX />}
        title="App not found"
        action={
          <Button asChild variant="secondary">
            <Link href={appsHref}>Back to apps</Link>
          </Button>
        }
      >
        It was deleted, or it belongs to another team.
      </EmptyState>
    ) : (
      <ErrorState
        title="The app could not be loaded"
        message={messageOf(app.error)}
        onRetry={() => app.refetch()}
        retrying={app.isRefetching}
      />
    );
  }

  return (
    <AppProvider value={app.data}>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-muted">
        <Link href={appsHref} className="hover:underline">
          Apps
        </Link>{" "}
        / {app.data.name}
      </nav>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{app.data.name}</h1>
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[13rem_1fr] md:gap-8">
        <AppMenu base={`${appsHref}/apps/${app.data.id}`} />
        {/* minmax(0, 1fr) columns and min-w-0: a wide table scrolls inside the column instead
            of widening the page. */}
        <section className="min-w-0">{children}</section>
      </div>
    </AppProvider>
  );
}
