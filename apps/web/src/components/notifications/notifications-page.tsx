"use client";
import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import type { ReactNode } from "react";
import { messageOf } from "~/lib/errors.ts";
import { useTRPC } from "~/lib/trpc.tsx";
import { useTeam } from "../team/team-context.tsx";
import { PageHeader } from "../ui/page-header.tsx";
import { EmptyState, ErrorState, ListSkeleton } from "../ui/states.tsx";
import { AddChannelDialog } from "./add-channel-dialog.tsx";
import { ChannelCard } from "./channel-card.tsx";

/**
 * Every member sees the channels and their logs; admins and the owner manage them. Email can be
 * chosen only where the operator set SMTP_URL, SMTP_FROM and SMTP_RECIPIENT_DOMAINS (read by the
 * page on the server).
 */
export function NotificationsPage({ emailDomains }: { emailDomains: readonly string[] | null }) {
  const team = useTeam();
  const canManage = team.can("notification.manage");
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Authdeck tells these channels when a token refresh or a health check starts failing and when it recovers, before a client secret or certificate expires, and when an API key lies unused: once per change, not once per failure."
        actions={canManage && <AddChannelDialog teamId={team.id} emailDomains={emailDomains} />}
      />
      <ChannelList teamId={team.id} canManage={canManage} />
    </>
  );
}

function ChannelList({ teamId, canManage }: { teamId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const channels = useQuery(trpc.notification.list.queryOptions({ teamId }));
  let body: ReactNode;
  if (channels.isPending) {
    body = <ListSkeleton label="Loading channels" />;
  } else if (channels.isError) {
    body = (
      <ErrorState
        title="Channels could not be loaded"
        message={messageOf(channels.error)}
        onRetry={() => channels.refetch()}
        retrying={channels.isRefetching}
      />
    );
  } else if (channels.data.length === 0) {
    body = (
      <EmptyState icon={<Bell />} title="No notification channels yet">
        {canManage
          ? "Add a webhook, a Slack channel or email to hear when a credential stops working."
          : "Admins and the owner can add a webhook, a Slack channel or email."}
      </EmptyState>
    );
  } else {
    body = (
      <ul className="grid gap-4">
        {channels.data.map((channel) => (
          <li key={channel.id}>
            <ChannelCard teamId={teamId} channel={channel} canManage={canManage} />
          </li>
        ))}
      </ul>
    );
  }
  return body;
}
