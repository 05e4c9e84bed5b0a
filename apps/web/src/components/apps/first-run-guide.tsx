"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Circle, CircleCheck, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "~/lib/trpc.tsx";
import { Button } from "../ui/button.tsx";

type App = { id: string; name: string; profileCount: number };

// Apps whose profiles are read to find a passing test: a new team has one or two.
const APPS_LOOKED_AT = 5;
const dismissedKey = (teamId: string) => `authdeck-guide-dismissed:${teamId}`;

function readDismissed(teamId: string) {
  try {
    return localStorage.getItem(dismissedKey(teamId)) === "1";
  } catch {
    return false;
  }
}

/**
 * From sign-up to a service's first token: create an app, create a profile, test it, fetch a
 * token with an API key. Each step is ticked from the team's own data (apps, profile counts, each
 * profile's last test, each key's last use); the guide can be hidden, per team, in this browser.
 * Only admins see it, and they may read the team's keys.
 */
export function FirstRunGuide({ teamId, apps }: { teamId: string; apps: App[] }) {
  const trpc = useTRPC();
  const [dismissed, setDismissed] = useState(() => readDismissed(teamId));
  const withProfiles = apps.filter((app) => app.profileCount > 0);
  const lists = useQueries({
    queries: dismissed
      ? []
      : withProfiles
          .slice(0, APPS_LOOKED_AT)
          .map((app) => trpc.profile.list.queryOptions({ teamId, appId: app.id, pageSize: 100 })),
  });
  const keys = useQuery({ ...trpc.apiKey.list.queryOptions({ teamId }), enabled: !dismissed });
  if (dismissed) return null;

  const passed = lists.some((list) =>
    list.data?.profiles.some((profile) => profile.lastTest?.status === "succeeded"),
  );
  const profilesOf = (app: App | undefined) =>
    app ? `/t/${teamId}/apps/${app.id}/profiles` : undefined;
  const steps = [
    {
      title: "Create an app",
      text: "An app holds the authorization profiles of one of your services. Press New app.",
      done: apps.length > 0,
    },
    {
      title: "Create an authorization profile",
      text: "In the app, press New and fill in the identity provider, client and token URL.",
      done: withProfiles.length > 0,
      href: profilesOf(apps[0]),
    },
    {
      title: "Run a test that passes",
      text: "Press Test on the profile: Authdeck asks the identity provider for a token.",
      done: passed,
      href: profilesOf(withProfiles[0]),
    },
    {
      title: "Create an API key and fetch a token",
      text: "Under API keys, create a key for the app and run the curl it shows: your service fetches tokens the same way.",
      done: Boolean(keys.data?.some((key) => key.lastUsedAt && !key.revokedAt)),
      href: `/t/${teamId}/api-keys`,
    },
  ];
  const doneCount = steps.filter((step) => step.done).length;

  function dismiss() {
    try {
      localStorage.setItem(dismissedKey(teamId), "1");
    } catch {
      // Storage refused: hidden until the next visit.
    }
    setDismissed(true);
  }

  return (
    <section
      aria-labelledby="first-run-guide-title"
      className="relative mb-6 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="pr-8">
        <h2 id="first-run-guide-title" className="font-semibold">
          {doneCount === steps.length ? "You are set up" : "Get started"}
        </h2>
        <p className="text-sm text-muted">
          {doneCount} of {steps.length} steps done
          {doneCount === steps.length && ": a service can fetch tokens with your API key."}
        </p>
      </div>
      <Button
        variant="ghost"
        size="icon"
        className="absolute top-3 right-3"
        aria-label="Hide the getting started guide"
        onClick={dismiss}
      >
        <X aria-hidden />
      </Button>
      <ol className="mt-3 grid gap-3">
        {steps.map((step, index) => (
          <li key={step.title} className="flex gap-3">
            {step.done ? (
              <CircleCheck
                className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400"
                aria-hidden
              />
            ) : (
              <Circle className="mt-0.5 size-5 shrink-0 text-muted" aria-hidden />
            )}
            <div className="grid gap-0.5 text-sm">
              <p className={step.done ? "font-medium text-muted line-through" : "font-medium"}>
                {step.href && !step.done ? (
                  <Link href={step.href} className="underline underline-offset-4">
                    {index + 1}. {step.title}
                  </Link>
                ) : (
                  `${index + 1}. ${step.title}`
                )}
                {/* Colour and a line are not the only signal: the state is said in words too. */}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              {!step.done && <p className="text-muted">{step.text}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
