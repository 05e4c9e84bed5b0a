import type { JobRegistry } from "./registry.ts";

/** Every job this worker runs, by the names in core's queue constants. */
export const jobs: JobRegistry = {};
