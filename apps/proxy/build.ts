// The production proxy: one ESM file, dist/main.js, that plain `node` runs. Everything is
// bundled, the workspace packages (TypeScript source) and their npm dependencies alike, because
// under pnpm the dependencies of @authdeck/core are not resolvable from apps/proxy at run time.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // Optional native bindings that their packages load only when present.
  external: ["pg-native"],
  // Bundled CommonJS dependencies call require() for Node's built-ins: give the ESM file one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
