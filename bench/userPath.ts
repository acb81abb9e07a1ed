/**
 * The user path against numpy: `collapse simulate` timed as a whole process (start-up, spec
 * parsing, the engine, metrics, summaries, output) on the two reference workloads, next to the
 * numpy reference of the same chains (bench/chains_numpy.py) timed the same way and by its own
 * loop, in one invocation, median of 3, with 1 and with 2 worker threads (`--workers`) — plus the
 * start-up of a 1-chain, 1-generation run.
 * Run by hand: `npm run bench` (add `-- --quick` for a 10x smaller run). Prints figures,
 * asserts nothing.
 *
 * Workloads (issue "Speed on the path users run"):
 * - categorical: K = 1000 chains, Zipf(100, 1.1), M = 1000, T = 500, categorical-mle, --metrics support;
 * - Gaussian: K = 1000, T = 1000, M = 100, gaussian-unbiased, --metrics variance.
 * The CLI runs from this checkout's sources (tsx) unless `--built` is given (dist/, `npm run build` first),
 * in a fresh project folder (see `project` below).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const quick = process.argv.includes("--quick");
const built = process.argv.includes("--built");
const scale = quick ? 10 : 1;
const RUNS = 3;
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = built ? `${root}bench/.built-cli.mjs` : `${root}bin/collapse.js`;
const numpyScript = `${root}bench/chains_numpy.py`;

if (built) {
  writeFileSync(
    bin,
    `const { main } = await import(${JSON.stringify(`${root}dist/cli/main.js`)});\nawait main(process.argv);\n`,
  );
}

interface Workload {
  readonly name: string;
  readonly cli: string[];
  /** Arguments of chains_numpy.py running only this workload. */
  readonly numpy: string[];
}

const K = 1000 / scale;
const workloads: Workload[] = [
  {
    name: "categorical",
    cli: [
      "--truth",
      "zipf:k=100,s=1.1",
      "--family",
      "categorical-mle",
      "--samples",
      "1000",
      "--generations",
      "500",
      "--chains",
      String(K),
      "--metrics",
      "support",
    ],
    numpy: ["only=categorical", `CK=${K}`, "CT=500", "CM=1000"],
  },
  {
    name: "gaussian",
    cli: [
      "--truth",
      "gaussian",
      "--family",
      "gaussian-unbiased",
      "--samples",
      "100",
      "--generations",
      "1000",
      "--chains",
      String(K),
      "--metrics",
      "variance",
    ],
    numpy: ["only=gaussian", `K=${K}`, "T=1000", "M=100"],
  },
];

/**
 * The CLI runs in a fresh project folder (a package.json and nothing else), as in a user's
 * project: from this repository it would also load the catalog's plug-ins that package.json
 * declares (neural LM, logistic, …; ≈ 0.2 s per process, in each worker too).
 */
const project = mkdtempSync(join(tmpdir(), "collapse-bench-"));
writeFileSync(join(project, "package.json"), '{ "name": "bench-project", "private": true }\n');
process.on("exit", () => rmSync(project, { recursive: true, force: true }));

function wall(cmd: string, args: string[]): { seconds: number; stdout: string } {
  const start = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

/** Worker threads of each collapse run (numpy is single-threaded either way). */
const WORKERS = [1, 2];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  `collapse simulate vs numpy${quick ? " (--quick: K/10)" : ""}, ${built ? "built dist/" : "sources via tsx"}, median of ${RUNS}`,
);
console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const rows: string[][] = [
  [
    "workload",
    "workers",
    "collapse s",
    "numpy process s",
    "numpy loop s",
    "ratio (process)",
    "ratio (loop)",
  ],
];
for (const w of workloads) {
  const ours: number[][] = WORKERS.map(() => []);
  const theirs: number[] = [];
  const loops: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [j, n] of WORKERS.entries()) {
      ours[j].push(
        wall(process.execPath, [bin, "simulate", ...w.cli, "--json", "--workers", String(n)])
          .seconds,
      );
    }
    const np = wall("python3", [numpyScript, ...w.numpy]);
    theirs.push(np.seconds);
    loops.push(JSON.parse(np.stdout)[w.name]);
  }
  const [t, l] = [median(theirs), median(loops)];
  for (const [j, n] of WORKERS.entries()) {
    const o = median(ours[j]);
    rows.push([
      w.name,
      String(n),
      o.toFixed(2),
      t.toFixed(2),
      l.toFixed(2),
      `${(o / t).toFixed(2)}×`,
      `${(o / l).toFixed(2)}×`,
    ]);
  }
}
const startup: number[] = [];
for (let i = 0; i < RUNS; i++) {
  startup.push(
    wall(process.execPath, [
      bin,
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
    ]).seconds,
  );
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
for (const r of rows) console.log(r.map((c, j) => c.padEnd(widths[j])).join("  "));
console.log(`start-up (1 chain, 1 generation): ${median(startup).toFixed(2)} s`);
console.log(
  "ratio (process) = collapse wall time / python+numpy wall time; ratio (loop) = against numpy's loop alone",
);
