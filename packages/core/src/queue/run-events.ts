/** The channel on which a run's changes are announced; messages hold ids and status only. */
export const runChannel = (prefix: string, runId: string) => `${prefix}:events:run:${runId}`;

export type RunEvent = { runId: string; status: string };

/** The channel on which a token state's changes are announced. */
export const tokenChannel = (prefix: string, stateId: string) =>
  `${prefix}:events:token:${stateId}`;
/** Every token change of a team, for its dashboard. */
export const teamTokenChannel = (prefix: string, teamId: string) =>
  `${prefix}:events:team-tokens:${teamId}`;
