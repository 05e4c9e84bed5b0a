import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { BenchConfig } from "./config.ts";
import type { Machine } from "./machine.ts";

const BEGIN = "<!-- bench:begin (written by pnpm bench; edit outside these markers) -->";
const END = "<!-- bench:end -->";

/**
 * Writes the figures between the markers of `file`, keeping whatever is written around them
 * (definitions, causes, before and after), so a new run replaces only its own part.
 */
export function writeReport(
  file: string,
  parts: { machine: Machine; config: BenchConfig; table: string; notes: string[]; startedAt: Date },
) {
  const { machine, config } = parts;
  const generated = [
    BEGIN,
    "",
    `Run of ${parts.startedAt.toISOString().replace("T", " ").slice(0, 16)} UTC, commit ${machine.commit}.`,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.os};` +
      ` Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}.`,
    "",
    `Sizes: ${config.testRuns} Test presses, ${config.floorRuns} floor requests, ${config.profiles}` +
      ` profiles with ${config.tokenLifetimeSeconds}-second tokens watched for ${config.lifetimes}` +
      ` lifetimes, worker throughput ${config.throughput.map((t) => `${t.tests} tests at concurrency ${t.concurrency}`).join(", ")},` +
      ` ${config.listClients} list clients x ${config.listRequestsPerClient} pages,` +
      ` ${config.proxyLatencyRuns} direct and proxied GETs one at a time and ${config.proxyRequests}` +
      ` proxied GETs at concurrency ${config.proxyConcurrency}.`,
    "",
    parts.table,
    "",
    ...parts.notes.map((note) => `- ${note}`),
    "",
    END,
  ].join("\n");
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : `# Performance\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} lost its bench markers`);
  writeFileSync(file, current.slice(0, start) + generated + current.slice(end + END.length));
}
