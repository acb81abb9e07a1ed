/**
 * CLI start-up benchmark: wall and CPU time of `collapse --help`, `collapse list` (this
 * repository's claims) and a 1-chain, 1-generation `collapse simulate` (start-up overhead: the
 * simulation itself is microseconds), each the median of several runs, against the targets
 * 0.3 s, 1.5 s and 0.3 s of wall time.
 *
 * Measured two ways:
 * - built: the package as users run it (dist/, built here first with `npm run build`); `list`
 *   in this repository (its claims and its TypeScript plug-in, loaded through the package's
 *   TypeScript hooks), `--help` and `simulate` in an empty project (no plug-ins);
 * - sources: `node bin/collapse.js` in this checkout (tsx compiles the sources at run time).
 *
 * Wall time on a shared machine follows its load (printed); CPU time (user + system, all
 * threads, from process.cpuUsage at exit) much less. Run by hand: `npm run bench:startup`
 * (`npm run bench` runs it after the chain benchmark). Prints figures, asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = process.argv.includes("--quick") ? 3 : 7;

const work = mkdtempSync(join(tmpdir(), "collapse-startup-"));
const cpuFile = join(work, "cpu.json");
/** Preloaded into every measured process: its CPU time (all threads) at exit. */
const cpuHook = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeFileSync(${JSON.stringify(cpuFile)}, JSON.stringify((u.user + u.system) / 1e6)); });`,
)}`;
/** The built CLI, as the package's bin runs it when there are no sources next to it. */
const builtCli = join(work, "collapse-built.mjs");
writeFileSync(
  builtCli,
  `const { main } = await import(${JSON.stringify(join(ROOT, "dist/cli/main.js"))});\nawait main(process.argv);\n`,
);
const emptyProject = join(work, "empty-project");
mkdirSync(emptyProject);
writeFileSync(join(emptyProject, "package.json"), '{ "name": "empty", "type": "module" }\n');

const simulateArgs = [
  "simulate",
  "--truth",
  "gaussian",
  "--family",
  "gaussian-mle",
  "--samples",
  "10",
  "--generations",
  "1",
  "--chains",
  "1",
];

interface Case {
  readonly label: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly target: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(c: Case): { wall: number; cpu: number; out: string } {
  const walls: number[] = [];
  const cpu: number[] = [];
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, ["--import", cpuHook, c.script, ...c.args], {
      cwd: c.cwd,
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    walls.push((performance.now() - started) / 1000);
    if (r.status !== 0) throw new Error(`${c.label} failed (exit ${r.status}):\n${r.stderr}`);
    cpu.push(JSON.parse(readFileSync(cpuFile, "utf8")));
    out = r.stdout;
  }
  return { wall: median(walls), cpu: median(cpu), out };
}

const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);

const bin = join(ROOT, "bin/collapse.js");
const cases: Case[] = [
  { label: "node (no script)", script: "-e", args: ["0"], cwd: emptyProject, target: Number.NaN },
  {
    label: "built: collapse --help",
    script: builtCli,
    args: ["--help"],
    cwd: emptyProject,
    target: 0.3,
  },
  { label: "built: collapse list", script: builtCli, args: ["list"], cwd: ROOT, target: 1.5 },
  {
    label: "built: collapse simulate (1 chain, 1 generation)",
    script: builtCli,
    args: simulateArgs,
    cwd: emptyProject,
    target: 0.3,
  },
  { label: "sources: collapse --help", script: bin, args: ["--help"], cwd: ROOT, target: 0.3 },
  { label: "sources: collapse list", script: bin, args: ["list"], cwd: ROOT, target: 1.5 },
  {
    label: "sources: collapse simulate (1 chain, 1 generation)",
    script: bin,
    args: simulateArgs,
    cwd: ROOT,
    target: 0.3,
  },
];

console.log("collapse CLI start-up");
console.log(`node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}`);
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
console.log(`median of ${RUNS} runs; CPU = user + system time of all threads`);
try {
  for (const c of cases) {
    // "-e 0" is node itself: the floor every command pays.
    const m = c.script === "-e" ? measureNode() : measure(c);
    const claims = /(\d+) claims?\n$/.exec(m.out)?.[1];
    const target = Number.isNaN(c.target)
      ? ""
      : `  target ≤ ${c.target} s wall: ${m.wall <= c.target ? "met" : "NOT met"}`;
    console.log(
      `${c.label.padEnd(52)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU${claims ? ` (${claims} claims)` : ""}${target}`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

function measureNode(): { wall: number; cpu: number; out: string } {
  const walls: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ["--import", cpuHook, "-e", "0"], { cwd: emptyProject });
    walls.push((performance.now() - started) / 1000);
    cpu.push(JSON.parse(readFileSync(cpuFile, "utf8")));
  }
  return { wall: median(walls), cpu: median(cpu), out: "" };
}
