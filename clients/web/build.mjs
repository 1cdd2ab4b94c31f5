// Bundles the pools page into web/dist: src/main.ts (with the TypeScript
// client and CosmJS) as one ES module for browsers, plus index.html and
// style.css. Usage (from clients/): node web/build.mjs
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await esbuild.build({
  entryPoints: [join(here, "src", "main.ts")],
  outfile: join(dist, "main.js"),
  bundle: true,
  // CosmJS 0.39 needs no Node polyfills in a browser: crypto is @noble's,
  // HTTP is fetch, and Buffer is only used behind typeof checks. With
  // platform "browser" esbuild fails the build if anything pulls in a Node
  // builtin, so a dependency that starts to need one shows up here.
  platform: "browser",
  format: "esm",
  target: ["es2022", "chrome110", "firefox110", "safari16"],
  minify: true,
  sourcemap: true,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(here, f), join(dist, f));

const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0);
const js = result.metafile.outputs[Object.keys(result.metafile.outputs).find((k) => k.endsWith("main.js"))];
console.log(`built ${dist}: main.js ${Math.round(js.bytes / 1024)} KiB (with source map ${Math.round(bytes / 1024)} KiB), index.html, style.css`);
