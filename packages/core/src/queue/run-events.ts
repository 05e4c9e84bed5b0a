/** The channel on which a run's changes are announced; messages hold ids and status only. */
export const runChannel = (prefix: string, runId: string) => `${prefix}:events:run:${runId}`;

export type RunEvent = { runId: string; status: string };
