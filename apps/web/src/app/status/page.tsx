import type { Metadata } from "next";
import { StatusPanel } from "~/components/status/status-panel.tsx";

export const metadata: Metadata = { title: "Status" };

export default function StatusPage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Status</h1>
      <p className="mt-1 mb-6 text-zinc-600 dark:text-zinc-400">
        What Authdeck needs to run: its database, its queue and at least one worker.
      </p>
      <StatusPanel />
    </main>
  );
}
