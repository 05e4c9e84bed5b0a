"use client";
import { PROFILE_LIST } from "@authdeck/core/client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { KeyRound, Plus, SearchX } from "lucide-react";
import { type ReactNode, useEffect, useState } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useDebouncedValue } from "~/lib/time.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useApp } from "../apps/app-context.tsx";
import { useTeam } from "../team/team-context.tsx";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";
import { Input } from "../ui/input.tsx";
import { Pagination } from "../ui/pagination.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { ExportProfilesButton } from "./export-profiles-button.tsx";
import { ImportProfilesButton } from "./import-profiles-button.tsx";
import { ProfileDialog } from "./profile-dialog.tsx";
import { ProfilesTable } from "./profiles-table.tsx";
import type { Sort } from "./sort-header.tsx";

const PAGE_SIZE = 20;

/** App Settings > Dev Tools > Authorization Profiles: the list, searched and sorted by the server. */
export function ProfilesPage() {
  const trpc = useTRPC();
  const team = useTeam();
  const app = useApp();
  const canWrite = team.can("profile.write");
  const canTest = team.can("profile.test");
  const [search, setSearch] = useState("");
  const query = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<Sort>({ sort: "name", direction: "asc" });
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ profileId: string | null } | null>(null);
  const list = useQuery(
    trpc.profile.list.queryOptions(
      { teamId: team.id, appId: app.id, search: query, ...sort, page, pageSize: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const total = list.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));

  // The last row of the last page was deleted: show the page before it.
  useEffect(() => {
    if (list.data && page > lastPage) setPage(lastPage);
  }, [list.data, page, lastPage]);

  const newButton = canWrite && (
    <Button onClick={() => setDialog({ profileId: null })}>
      <Plus aria-hidden />
      New
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) {
    body = <ListSkeleton rows={4} label="Loading authorization profiles" />;
  } else if (list.isError) {
    body = (
      <ErrorState
        title="Authorization profiles could not be loaded"
        message={messageOf(list.error)}
        onRetry={() => list.refetch()}
        retrying={list.isRefetching}
      />
    );
  } else if (total === 0 && query === "") {
    body = (
      <EmptyState icon={<KeyRound />} title="No authorization profiles yet" action={newButton}>
        {canWrite
          ? "A profile describes one OAuth 2.0 client credentials grant: the identity provider, client ID and secret, token URL and scopes this app's service uses. Press New to add the first."
          : "Editors, admins and the owner of this team add them; they will show up here."}
      </EmptyState>
    );
  } else if (total === 0) {
    body = (
      <EmptyState
        icon={<SearchX />}
        title={`No profiles match "${query}"`}
        action={
          <Button variant="secondary" onClick={() => setSearch("")}>
            Clear search
          </Button>
        }
      >
        {[...query].length < PROFILE_LIST.anywhereMin
          ? "A search of one or two characters looks at the start of names and identity providers; three or more look anywhere in names, identity providers and token URLs."
          : "The search looks at names, identity providers and token URLs."}
      </EmptyState>
    );
  } else {
    body = (
      <div aria-busy={list.isPlaceholderData || undefined}>
        <ProfilesTable
          teamId={team.id}
          appId={app.id}
          rows={list.data.profiles}
          sort={sort}
          onSort={(next) => {
            setSort(next);
            setPage(1);
          }}
          canWrite={canWrite}
          canTest={canTest}
          onEdit={(profileId) => setDialog({ profileId })}
        />
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          totalCapped={list.data.totalCapped}
          noun="profiles"
          onPageChange={setPage}
        />
      </div>
    );
  }

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">Authorization Profiles</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            How this app's service obtains tokens with the OAuth 2.0 client credentials grant.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {newButton}
          {canWrite && <ImportProfilesButton teamId={team.id} appId={app.id} />}
          <ExportProfilesButton teamId={team.id} appId={app.id} appName={app.name} />
        </div>
      </div>
      <Field id="profile-search" label="Search" className="mb-4 max-w-sm">
        <Input
          id="profile-search"
          type="search"
          placeholder="Name, identity provider or token URL"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </Field>
      {body}
      {dialog && (
        <ProfileDialog
          teamId={team.id}
          appId={app.id}
          profileId={dialog.profileId}
          open
          onOpenChange={(open) => !open && setDialog(null)}
        />
      )}
    </>
  );
}
