import { jobs } from "./jobs.ts";
import { runWorkerProcess } from "./run.ts";

await runWorkerProcess(jobs);
