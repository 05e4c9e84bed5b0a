"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc.tsx";

const SERVICES = [
  { key: "postgres", label: "PostgreSQL" },
  { key: "redis", label: "Redis" },
  { key: "worker", label: "Worker" },
] as const;

export function StatusPanel() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.status.queryOptions(undefined, { refetchInterval: 5_000 }));

  if (health.isError) {
    return (
      <p
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      >
        The web server did not answer the health check: {health.error.message}. It retries every 5
        seconds.
      </p>
    );
  }

  return (
    <ul className="grid gap-3 sm:grid-cols-3" aria-busy={health.isPending}>
      {SERVICES.map(({ key, label }) => {
        const service = health.data?.[key];
        const state = !service ? "checking" : service.ok ? "up" : "down";
        return (
          <li
            key={key}
            data-testid={`status-${key}`}
            data-state={state}
            className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <div className="flex items-center justify-between">
              <span className="font-medium">{label}</span>
              <StateBadge state={state} />
            </div>
            <p className="mt-2 min-h-10 text-sm text-zinc-600 dark:text-zinc-400">
              {service ? service.detail : "Checking…"}
              {service?.latencyMs != null ? ` · ${service.latencyMs} ms` : ""}
            </p>
            {key === "redis" && health.data ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="redis-topology">
                {topologyText(health.data.redisTopology)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

const TOPOLOGY = { single: "One server", sentinel: "Sentinel", cluster: "Cluster" } as const;

/** "Sentinel · master 10.0.0.5:6379"; the address only reaches someone signed in. */
function topologyText(redis: { topology: keyof typeof TOPOLOGY; master: string | null }): string {
  const name = TOPOLOGY[redis.topology];
  if (!redis.master) return name;
  return `${name} · ${redis.topology === "cluster" ? "masters" : "master"} ${redis.master}`;
}

function StateBadge({ state }: { state: "checking" | "up" | "down" }) {
  const styles = {
    checking: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
    up: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    down: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  }[state];
  const text = { checking: "Checking", up: "● Up", down: "✕ Down" }[state];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${styles}`}>{text}</span>;
}
