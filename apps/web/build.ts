// The web process's server (src/main.ts) as one ESM file, dist/main.js, that plain `node` runs
// beside Next's build in .next. Next itself stays outside the bundle: it is loaded from
// node_modules, as `next start` loads it. Everything else is bundled, as apps/proxy/build.ts
// explains. `server-only` guards modules against client bundles; here it is an empty module.
import { build, type Plugin } from "esbuild";

const serverOnlyIsEmpty: Plugin = {
  name: "server-only-is-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({
      path: "server-only",
      namespace: "empty",
    }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: ["next", "next/*", "pg-native"],
  plugins: [serverOnlyIsEmpty],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
