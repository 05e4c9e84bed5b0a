/** A job waiting this long on its provider no longer takes one of the worker's slots. */
export const SLOW_AFTER_MS = 2_000;

/** What a running job holds: a way to say it waits on its provider, and its release. */
export type Seat = {
  awaitProvider: <T>(work: Promise<T>) => Promise<T>;
  release: () => void;
};

/**
 * How one worker process shares its slots between jobs and teams.
 *
 * `concurrency` jobs may work at once. A job that has waited on its provider for SLOW_AFTER_MS
 * stops counting against them, for up to twice `concurrency` such jobs: the worker takes
 * another job in its place (`onCapacity`), so providers that answer slowly, from however many
 * teams, cannot keep everyone else's tests waiting. Such a job still ends at its deadline.
 *
 * A team with a job waiting that long on its provider may run at most a fifth of the slots
 * here: `admit` refuses its further jobs, which go back to the queue for a moment, so a team
 * whose provider is slow slows only itself.
 */
export function createSlots(options: {
  concurrency: number;
  onCapacity: (capacity: number) => void;
  slowAfterMs?: number;
}) {
  const slowAfterMs = options.slowAfterMs ?? SLOW_AFTER_MS;
  const teamShare = Math.max(1, Math.ceil(options.concurrency / 5));
  const extra = 2 * options.concurrency;
  const teams = new Map<string, { jobs: number; slow: number }>();
  let slow = 0;
  let capacity = options.concurrency;
  const recount = () => {
    const next = options.concurrency + Math.min(slow, extra);
    if (next === capacity) return;
    capacity = next;
    options.onCapacity(next);
  };

  return {
    teamShare,
    /** A seat for a job of `teamId`, or null when that team should wait its turn. */
    admit(teamId: string | undefined): Seat | null {
      const team = teamId === undefined ? undefined : (teams.get(teamId) ?? { jobs: 0, slow: 0 });
      if (team && team.slow > 0 && team.jobs >= teamShare) return null;
      if (team && teamId !== undefined) {
        team.jobs++;
        teams.set(teamId, team);
      }
      let waitingLong = false;
      let released = false;
      const setWaitingLong = (value: boolean) => {
        if (waitingLong === value) return;
        waitingLong = value;
        const step = value ? 1 : -1;
        slow += step;
        if (team) team.slow += step;
        recount();
      };
      return {
        async awaitProvider(work) {
          const timer = setTimeout(() => {
            if (!released) setWaitingLong(true);
          }, slowAfterMs);
          try {
            return await work;
          } finally {
            clearTimeout(timer);
            setWaitingLong(false);
          }
        },
        release() {
          if (released) return;
          released = true;
          setWaitingLong(false);
          if (!team || teamId === undefined) return;
          team.jobs--;
          if (team.jobs === 0) teams.delete(teamId);
        },
      };
    },
  };
}
