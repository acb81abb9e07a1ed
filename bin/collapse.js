#!/usr/bin/env node
// The collapse CLI. The project ships TypeScript sources; tsx loads them (no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
