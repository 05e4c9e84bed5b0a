import { createJobs } from "./jobs.ts";
import { runWorkerProcess } from "./run.ts";

await runWorkerProcess(createJobs);
