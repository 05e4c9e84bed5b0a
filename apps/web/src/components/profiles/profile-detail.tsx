"use client";
import type { FixField } from "@authdeck/core/client";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, Pencil, SearchX, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorCodeOf, messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useApp } from "../apps/app-context.tsx";
import { HealthCheckPanel } from "../health/health-check-panel.tsx";
import { RequestConsolePanel } from "../request-console/request-console-panel.tsx";
import { useTeam } from "../team/team-context.tsx";
import { TestButton } from "../test-runs/test-button.tsx";
import { TestHistory } from "../test-runs/test-history.tsx";
import { TestRunResult } from "../test-runs/test-run-result.tsx";
import { Badge } from "../ui/badge.tsx";
import { Button } from "../ui/button.tsx";
import { EmptyState, ErrorState, Skeleton } from "../ui/states.tsx";
import { DeleteProfileDialog } from "./delete-profile-dialog.tsx";
import { ProfileDialog } from "./profile-dialog.tsx";
import { ProfileSummary } from "./profile-summary.tsx";
import { SigningKeys } from "./signing-keys.tsx";

/** One profile: what it is, Test with the live result, and its test history. */
export function ProfileDetail({ profileId }: { profileId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useTeam();
  const app = useApp();
  const listHref = `/t/${team.id}/apps/${app.id}/profiles`;
  const ref = { teamId: team.id, appId: app.id, profileId };
  const profile = useQuery(trpc.profile.get.queryOptions(ref));
  const runs = useQuery(trpc.testRun.list.queryOptions({ ...ref, limit: 20 }));
  const [selectedRunId, setSelectedRunId] = useState<string | null>(null);
  // Open while the edit dialog is; `field` is where a test's verdict pointed.
  const [editing, setEditing] = useState<{ field: FixField | null } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const shownRunId = selectedRunId ?? runs.data?.[0]?.id ?? null;

  const back = (
    <Link
      href={listHref}
      className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:underline"
    >
      <ArrowLeft className="size-4" aria-hidden />
      Authorization Profiles
    </Link>
  );
  if (profile.isPending) {
    return (
      <div role="status" aria-label="Loading the profile" className="grid gap-4">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (profile.isError) {
    return errorCodeOf(profile.error) === "NOT_FOUND" ? (
      <EmptyState
        icon={<SearchX />}
        title="Profile not found"
        action={
          <Button asChild variant="secondary">
            <Link href={listHref}>Back to Authorization Profiles</Link>
          </Button>
        }
      >
        It was deleted, or it belongs to another app.
      </EmptyState>
    ) : (
      <ErrorState
        title="The profile could not be loaded"
        message={messageOf(profile.error)}
        onRetry={() => profile.refetch()}
        retrying={profile.isRefetching}
      />
    );
  }

  const data = profile.data;
  return (
    <div className="grid gap-8">
      <div>
        {back}
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold">{data.name}</h2>
            {data.needsSecrets && <Badge>Incomplete</Badge>}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {team.can("profile.test") && (
              <TestButton
                teamId={team.id}
                appId={app.id}
                profile={data}
                onStarted={setSelectedRunId}
                variant="primary"
                size="md"
              />
            )}
            {team.can("profile.write") && (
              <>
                <Button variant="secondary" onClick={() => setEditing({ field: null })}>
                  <Pencil aria-hidden />
                  Edit
                </Button>
                <Button variant="ghost" onClick={() => setDeleting(true)}>
                  <Trash2 aria-hidden />
                  Delete
                </Button>
              </>
            )}
          </div>
        </div>
      </div>
      <ProfileSummary profile={data} />
      {data.clientAuthMethod === "private_key_jwt" && data.keys.length > 0 && (
        <SigningKeys profile={data} appId={app.id} onTestStarted={setSelectedRunId} />
      )}
      <section aria-labelledby="test-result-heading" className="grid gap-3">
        <h3 id="test-result-heading" className="font-semibold">
          Test result
        </h3>
        {shownRunId ? (
          <TestRunResult
            teamId={team.id}
            appId={app.id}
            runId={shownRunId}
            profileName={data.name}
            nextSteps={{ onStarted: setSelectedRunId, onEdit: (field) => setEditing({ field }) }}
          />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Not tested yet. Test sends a real token request and shows the provider's answer here.
          </p>
        )}
      </section>
      <RequestConsolePanel {...ref} tenancyEnabled={data.tenancyEnabled} />
      <HealthCheckPanel {...ref} tenancyEnabled={data.tenancyEnabled} />
      <section aria-labelledby="test-history-heading" className="grid gap-3">
        <h3 id="test-history-heading" className="font-semibold">
          Test history
        </h3>
        <TestHistory {...ref} selectedRunId={shownRunId} onSelect={setSelectedRunId} />
      </section>
      {editing && (
        <ProfileDialog
          teamId={team.id}
          appId={app.id}
          profileId={profileId}
          open
          onOpenChange={(next) => !next && setEditing(null)}
          focusField={editing.field}
          onTestStarted={setSelectedRunId}
        />
      )}
      <DeleteProfileDialog
        teamId={team.id}
        appId={app.id}
        profile={data}
        open={deleting}
        onOpenChange={setDeleting}
        onDeleted={() => router.push(listHref)}
      />
    </div>
  );
}
