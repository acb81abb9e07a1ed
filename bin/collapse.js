#!/usr/bin/env node
// The collapse CLI. An installed package runs its build (dist/); a checkout of the repository
// (src/ present: the package does not ship it) runs the sources through tsx, so a build left
// in dist/ is never what runs here and can never be stale.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import("../dist/cli/main.js"));
}
await main(process.argv);
