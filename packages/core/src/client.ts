// What client components may import from core: the shared rules and the zod schemas built on
// them. The lint check in scripts/check-client-imports.ts keeps everything reachable from here
// free of server modules.
export * from "./schemas/index.ts";
export * from "./shared/index.ts";
// Types only: erased from the bundle, so the module they come from never reaches the browser.
export type { TokenFacts } from "./tokens/token-facts.ts";
