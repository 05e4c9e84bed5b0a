"use client";
import { type FixField, fieldErrorsOf } from "@authdeck/core/client";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useRef, useState } from "react";
import { ProfileDialog } from "../profiles/profile-dialog.tsx";
import { Button } from "../ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader } from "../ui/dialog.tsx";
import { TenantPrompt } from "./tenant-prompt.tsx";
import { TestRunResult } from "./test-run-result.tsx";
import { useStartTest } from "./use-start-test.ts";

type Props = {
  teamId: string;
  appId: string;
  /** Tenancy unknown (a list row): the server's answer tells whether a tenant is needed. */
  profile: { id: string; name: string; tenancyEnabled?: boolean };
  /** Given: the caller shows the run itself. Otherwise the result opens in a dialog. */
  onStarted?: (runId: string) => void;
  /** Where the profile's history is, for the dialog's link. */
  historyHref?: string;
  size?: "sm" | "md";
  variant?: "primary" | "secondary" | "ghost";
};

/**
 * Test: sends a real token request through the worker. With tenancy on, the "Test
 * Authorization" dialog asks for the tenant first.
 */
export function TestButton(props: Props) {
  const { teamId, appId, profile } = props;
  const [open, setOpen] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [tenant, setTenant] = useState("");
  // Set while the profile's edit dialog is open, at the field the verdict pointed to.
  const [editing, setEditing] = useState<{ field: FixField | null } | null>(null);
  // The focus goes back here when the dialog closes: the button is busy (disabled) while the
  // test is queued, so the focus had fallen to the page by the time the dialog opened.
  const trigger = useRef<HTMLButtonElement>(null);
  const start = useStartTest();
  const tenantError = fieldErrorsOf(start.error).tenant;

  function begin(withTenant?: string) {
    start.mutate(
      {
        teamId,
        appId,
        profileId: profile.id,
        ...(withTenant === undefined ? {} : { tenant: withTenant }),
      },
      {
        onSuccess: ({ runId: started }) => {
          if (props.onStarted) {
            props.onStarted(started);
            setOpen(false);
          } else {
            setRunId(started);
            setOpen(true);
          }
        },
        onError: (error) => {
          // The profile has tenancy after all: ask for the tenant, with no message yet.
          if (fieldErrorsOf(error).tenant && withTenant === undefined) {
            start.reset();
            setOpen(true);
          }
        },
      },
    );
  }

  function onClick() {
    start.reset();
    setRunId(null);
    setTenant("");
    if (profile.tenancyEnabled) setOpen(true);
    else begin();
  }

  function onSubmitTenant(event: FormEvent) {
    event.preventDefault();
    begin(tenant);
  }

  return (
    <>
      <Button
        variant={props.variant ?? "secondary"}
        size={props.size ?? "sm"}
        onClick={onClick}
        pending={start.isPending && !open}
        aria-label={`Test ${profile.name}`}
        ref={trigger}
      >
        <FlaskConical aria-hidden />
        Test
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          className="max-w-2xl"
          onCloseAutoFocus={(event) => {
            if (!trigger.current?.isConnected) return;
            event.preventDefault();
            trigger.current.focus();
          }}
        >
          <DialogHeader title="Test Authorization" description={profile.name} />
          {runId ? (
            <>
              <TestRunResult
                teamId={teamId}
                appId={appId}
                runId={runId}
                profileName={profile.name}
                nextSteps={{
                  onStarted: setRunId,
                  onEdit: (field) => {
                    setOpen(false);
                    setEditing({ field });
                  },
                }}
              />
              <DialogFooter>
                {props.historyHref && (
                  <Button asChild variant="ghost">
                    <Link href={props.historyHref}>Open profile and test history</Link>
                  </Button>
                )}
                <DialogClose asChild>
                  <Button variant="secondary">Close</Button>
                </DialogClose>
              </DialogFooter>
            </>
          ) : (
            <TenantPrompt
              teamId={teamId}
              appId={appId}
              profileId={profile.id}
              tenant={tenant}
              onTenantChange={setTenant}
              error={tenantError}
              pending={start.isPending}
              onSubmit={onSubmitTenant}
            />
          )}
        </DialogContent>
      </Dialog>
      {editing && (
        <ProfileDialog
          teamId={teamId}
          appId={appId}
          profileId={profile.id}
          open
          onOpenChange={(next) => !next && setEditing(null)}
          focusField={editing.field}
          onTestStarted={(started) => {
            setRunId(started);
            setOpen(true);
          }}
        />
      )}
    </>
  );
}
