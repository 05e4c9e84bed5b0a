/// <reference path="./parse-prometheus-text-format.d.ts" />
import parsePrometheusTextFormat from "parse-prometheus-text-format";

type Sample = { labels?: Record<string, string>; value?: string; count?: string };
export type MetricFamily = { name: string; type: string; metrics: Sample[] };

/** `text` as served too: the parser merges the series of a labelled histogram into one. */
export type Scrape = { status: number; families: MetricFamily[]; text: string };

/**
 * GETs a metrics URL, as Prometheus does, and reads the answer with a Prometheus text-format
 * parser: a body it cannot parse fails the test here.
 */
export async function scrapeMetrics(url: string, bearer?: string): Promise<Scrape> {
  const response = await fetch(url, {
    headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  });
  const body = await response.text();
  if (response.status !== 200) return { status: response.status, families: [], text: body };
  return { status: 200, families: parsePrometheusTextFormat(body) as MetricFamily[], text: body };
}

/** The value of the counter or gauge sample of `name` whose labels include `labels`; 0 if none. */
export function sampleValue(
  families: MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  return Number(sample?.value ?? sample?.count ?? 0);
}

/** Every value label `key` takes in the family `name`. */
export const labelValues = (families: MetricFamily[], name: string, key: string) =>
  (families.find((f) => f.name === name)?.metrics ?? []).map((m) => m.labels?.[key]);
