// The package ships no types; what it returns is described where it is used (metrics-scrape.ts).
declare module "parse-prometheus-text-format" {
  export default function parse(text: string): unknown;
}
