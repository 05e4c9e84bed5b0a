// What client components may import from core: the shared rules and the zod schemas built on
// them. biome.json (noRestrictedImports) refuses server modules in shared/ and schemas/, and any
// other core entry in client code.
export * from "./schemas/index.ts";
export * from "./shared/index.ts";
