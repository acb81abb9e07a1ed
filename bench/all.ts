/**
 * `npm run bench`: every benchmark in turn, each in its own process, with this command's flags
 * (`npm run bench -- --quick`, `-- --built`) passed to each part — an npm script chaining the
 * parts with && would hand them to the last part only. `--built` builds the package first
 * (`npm run build`), so the user-path part times the dist/ a user installs. Prints figures,
 * asserts nothing; stops at the first part that fails.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const flags = process.argv.slice(2);
const parts = ["userPath", "families", "startup", "brownCorpus", "neuralLm"];

const run = (command: string, args: string[]) => {
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`bench: ${[command, ...args].join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
};

if (flags.includes("--built")) run("npm", ["run", "--silent", "build"]);
for (const part of parts) run(process.execPath, ["--import", "tsx", `bench/${part}.ts`, ...flags]);
