/**
 * The package as a stranger gets it: build and pack the harness, install the tarball into a
 * fresh project that has only package.json, fast-check and vitest, write one claim there that
 * defines its own model family through the public plug-in API, and use it the way the README's
 * "Use it in your own project" section says: `tsc --noEmit`, `npx vitest run`, `npx collapse
 * list`, `npx collapse verify`, `npx collapse new`.
 *
 * The install is from npm's cache (`--prefer-offline`; the peers pinned to the versions this
 * repository's lockfile holds, so nothing needs the network when the cache is warm, as after
 * `npm ci`). The claim is true (Wright–Fisher variance of a fitted frequency), with a small
 * budget; its decision rule has α = 1e-6 per run at a fixed root seed, so a false alarm here has
 * probability ≤ 1e-6.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/index.ts";
import { childEnv, type Ran, ROOT } from "../report/fixtures.ts";

/**
 * The files of the README's "Use it in your own project" section: fenced blocks tagged
 * `file=<path>` (indented in its numbered list), and the package.json its `echo` writes.
 */
function readmeSteps(): { files: Map<string, string>; commands: string } {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("## Use it in your own project");
  const end = readme.indexOf("\n## ", start + 1);
  expect(start, "README section").toBeGreaterThanOrEqual(0);
  const section = readme.slice(start, end);
  const files = new Map<string, string>();
  for (const m of section.matchAll(/^( *)```\w+ file=(\S+)\n([\s\S]*?)^\1```$/gm)) {
    const indent = m[1].length;
    files.set(m[2], m[3].replace(new RegExp(`^ {0,${indent}}`, "gm"), ""));
  }
  const echo = /echo '(.+)' > package\.json/.exec(section);
  if (echo) files.set("package.json", `${echo[1]}\n`);
  return { files, commands: section };
}

const CLAIM_FILE = "properties/coin-frequency-drift.test.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-package-"));
const project = join(work, "my-hypotheses");

/** The environment of a child npm/npx: the test worker's and npm's own script variables removed. */
function env(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_registry"]);
  const e = childEnv();
  for (const k of Object.keys(e)) if (k.startsWith("npm_") && !keep.has(k)) delete e[k];
  return e;
}

function run(command: string, args: readonly string[], cwd: string): Ran {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: env(), timeout: 240_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(r: Ran): Ran {
  expect(r.code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

function installedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
  return pkg.version;
}

beforeAll(() => {
  // `npm pack` builds first (prepack: npm run build).
  const packed = ok(run("npm", ["pack", "--json", "--pack-destination", work], ROOT));
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  const { files } = readmeSteps();
  mkdirSync(join(project, "properties"), { recursive: true });
  writeFileSync(join(project, "package.json"), files.get("package.json") ?? "");
  ok(
    run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        join(work, filename),
        `fast-check@${installedVersion("fast-check")}`,
        `vitest@${installedVersion("vitest")}`,
      ],
      project,
    ),
  );
  for (const [file, text] of files)
    if (file !== "package.json") writeFileSync(join(project, file), text);
}, 480_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the packed harness in a fresh project", () => {
  it("the README section has the package.json, vitest.config.ts, tsconfig.json, the claim and the commands", () => {
    const { files, commands } = readmeSteps();
    expect([...files.keys()].sort()).toEqual([
      "package.json",
      "properties/coin-frequency-drift.test.ts",
      "tsconfig.json",
      "vitest.config.ts",
    ]);
    expect(JSON.parse(files.get("package.json") ?? "")).toEqual({
      name: "my-hypotheses",
      private: true,
      type: "module",
    });
    for (const command of [
      "npm install ../collapse-harness/collapse-harness-<version>.tgz fast-check vitest",
      "npx -p typescript tsc --noEmit",
      "npx vitest run",
      "npx collapse list",
      "npx collapse verify",
      "npx collapse new my-next-claim",
    ]) {
      expect(commands).toContain(command);
    }
  });

  it("installs the built entry points and the CLI, no sources, tests or TypeScript loader", () => {
    const installed = join(project, "node_modules", "collapse-harness");
    for (const f of ["dist/index.js", "dist/index.d.ts", "dist/engine.js", "dist/vitest.js"]) {
      expect(existsSync(join(installed, f)), f).toBe(true);
    }
    for (const f of ["src", "test", "bench", ".ci", "tsconfig.json", "vitest.config.ts"]) {
      expect(existsSync(join(installed, f)), f).toBe(false);
    }
    // One copy of each peer (the user's), and no tsx at run time.
    for (const dir of ["fast-check", "vitest", "tsx", "mathjs"]) {
      expect(existsSync(join(installed, "node_modules", dir)), dir).toBe(false);
    }
    expect(existsSync(join(project, "node_modules", "tsx"))).toBe(false);
    const version = ok(run("npx", ["--no", "--", "collapse", "--version"], project));
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version,
    );
  });

  it("tsc --noEmit type-checks the claim file and the vitest config", () => {
    ok(run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], project));
  });

  it("npx vitest run passes the claim, with the preset's root seed printed once", () => {
    const r = ok(run("npx", ["--no", "--", "vitest", "run"], project));
    expect(r.stdout).toContain("coin-frequency-drift");
    expect(r.stdout.match(/collapse-harness: root seed 20261126 /g)).toHaveLength(1);
  });

  it("npx collapse list lists that claim only", () => {
    const r = ok(run("npx", ["--no", "--", "collapse", "list", "--json"], project));
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: "coin-frequency-drift",
        kind: "in-expectation",
        expect: "supported",
        citation: "Wright–Fisher model, variance of the allele frequency",
        title: "Bernoulli MLE chain: E[(p_t − p_0)²] = p_0(1 − p_0)(1 − (1 − 1/n)^t)",
        file: CLAIM_FILE,
      },
    ]);
  });

  it("npx collapse verify writes a report naming that claim with project-relative paths", () => {
    const out = "reports/e2e";
    ok(
      run(
        "npx",
        ["--no", "--", "collapse", "verify", "--simulations", "small", "--out", out],
        project,
      ),
    );
    const text = readFileSync(join(project, out, "report.json"), "utf8");
    const { body } = parseReport(text, "report.json");
    expect(body.selection.files).toEqual([CLAIM_FILE]);
    expect(body.claims.map((c) => [c.id, c.file, c.status, c.passed])).toEqual([
      ["coin-frequency-drift", CLAIM_FILE, "supported", true],
    ]);
    expect(JSON.stringify(body)).not.toContain(work);
    expect(readFileSync(join(project, out, "report.md"), "utf8")).toContain("coin-frequency-drift");
    expect(readFileSync(join(project, out, "report.html"), "utf8")).toContain("<svg");
  });

  it("npx collapse new scaffolds into the project's claims folder", () => {
    const r = ok(run("npx", ["--no", "--", "collapse", "new", "my-next-claim"], project));
    expect(r.stdout).toContain("properties/my-next-claim.test.ts");
    const scaffolded = readFileSync(join(project, "properties/my-next-claim.test.ts"), "utf8");
    expect(scaffolded).toContain('id: "my-next-claim"');
    expect(scaffolded).toContain('from "collapse-harness"');
  });
});

describe("the packed harness: claims folder, bundled suite, plug-ins", () => {
  // The installed bin directly: the README's `npx collapse` is checked above, and npx's own
  // start-up costs ≈ 0.45 s a call.
  const collapseBin = (args: readonly string[]) =>
    run(join(project, "node_modules/.bin/collapse"), args, project);

  it("package.json collapse.claims names the claims folder of list and new", () => {
    const pkgFile = join(project, "package.json");
    const original = readFileSync(pkgFile, "utf8");
    mkdirSync(join(project, "hypotheses"), { recursive: true });
    writeFileSync(
      join(project, "hypotheses/coin-copy.test.ts"),
      readFileSync(join(project, CLAIM_FILE), "utf8"),
    );
    writeFileSync(
      pkgFile,
      JSON.stringify({ ...JSON.parse(original), collapse: { claims: "hypotheses" } }),
    );
    try {
      const listed = ok(collapseBin(["list", "--json"]));
      expect(JSON.parse(listed.stdout).map((c: { file: string }) => c.file)).toEqual([
        "hypotheses/coin-copy.test.ts",
      ]);
      ok(collapseBin(["new", "third-claim"]));
      expect(existsSync(join(project, "hypotheses/third-claim.test.ts"))).toBe(true);
    } finally {
      writeFileSync(pkgFile, original);
    }
  });

  it("--suite builtin lists and verifies the bundled catalog, paths relative to the project", () => {
    const listed = ok(collapseBin(["list", "--suite", "builtin", "--json"]));
    const claims = JSON.parse(listed.stdout) as { id: string; file: string }[];
    expect(claims.length).toBeGreaterThan(40);
    for (const c of claims) expect(c.file).toMatch(/^node_modules\/collapse-harness\/properties\//);
    const out = "reports/builtin";
    // One quick claim of the catalog (0.3 s): what is tested is the suite's resolution.
    const args = [
      "verify",
      "--suite",
      "builtin",
      "sampling-bias-tail-loss",
      "--simulations",
      "none",
    ];
    ok(collapseBin([...args, "--out", out]));
    const { body } = parseReport(readFileSync(join(project, out, "report.json"), "utf8"), out);
    expect(body.claims.map((c) => [c.id, c.file, c.passed])).toEqual([
      [
        "sampling-bias-tail-loss",
        "node_modules/collapse-harness/properties/sampling-bias-tail-loss.test.ts",
        true,
      ],
    ]);
  });

  it("collapse simulate loads a TypeScript plug-in, in worker threads too", () => {
    mkdirSync(join(project, "plugins"), { recursive: true });
    writeFileSync(
      join(project, "plugins/flip.ts"),
      `import { defineFamily, defineModelKind, defineTruth, fillBinomial } from "collapse-harness/engine";

interface Flip {
  readonly kind: "flip";
  readonly p: number;
}

defineModelKind<Flip>({
  kind: "flip",
  description: "Bernoulli(p)",
  dataKind: "real",
  sample: (m, stream, n) => ({
    kind: "real",
    values: Float64Array.from(fillBinomial(stream, new Int32Array(n), 1, m.p)),
  }),
  mean: (m) => m.p,
});

defineTruth({
  name: "flip",
  description: "Bernoulli(p)",
  params: { p: { type: "number", required: true, min: 0, max: 1, description: "p" } },
  create: ({ p }) => ({ model: { kind: "flip", p }, summaries: { mean: p } }),
});

defineFamily({
  name: "flip-mle",
  description: "the sample frequency",
  dataKind: "real",
  modelKind: "flip",
  fit: (data): Flip => ({ kind: "flip", p: data.values.reduce((a, b) => a + b, 0) / data.values.length }),
});
`,
    );
    const args = ["simulate", "--plugin", "./plugins/flip.ts"].concat(
      ["--truth", "flip:p=0.3", "--family", "flip-mle", "--samples", "20", "--generations", "3"],
      ["--chains", "8", "--seed", "4", "--metrics", "mean-error", "--json"],
    );
    const one = ok(collapseBin(args));
    const two = ok(collapseBin([...args, "--workers", "2"]));
    const parsed = JSON.parse(one.stdout);
    expect(parsed.metrics["mean-error"].mean).toHaveLength(4);
    expect(two.stdout).toBe(one.stdout);
  });

  it("runChainsThreaded (runReplicates' threads) takes a TypeScript plug-in to a worker thread, same values", () => {
    // A model kind that remembers the thread that fitted it, a 1 ms fit and a metric reading the
    // thread: the worker loads the built package and this TypeScript plug-in through its hooks.
    writeFileSync(
      join(project, "plugins/probe.ts"),
      `import { threadId } from "node:worker_threads";
import { defineFamily, defineMetric, defineModelKind, fillNormal } from "collapse-harness/engine";

interface Probe {
  readonly kind: "probe";
  readonly thread: number;
}
const pause = new Int32Array(new SharedArrayBuffer(4));

defineModelKind<Probe>({
  kind: "probe",
  description: "N(0, 1), remembering the thread that fitted it",
  dataKind: "real",
  sample: (_m, stream, n) => ({ kind: "real", values: fillNormal(stream, new Float64Array(n)) }),
  mean: () => 0,
});

defineFamily({
  name: "probe-fit",
  description: "a 1 ms fit into a probe model",
  dataKind: "real",
  modelKind: "probe",
  fit: (): Probe => {
    Atomics.wait(pause, 0, 0, 1);
    return { kind: "probe", thread: threadId };
  },
});

defineMetric({
  name: "thread-id",
  description: "the thread that fitted the model",
  supports: (kind) => kind.kind === "probe",
  supportsTruth: () => true,
  compute: (m) => (m.kind === "probe" ? (m as Probe).thread : 0),
});
`,
    );
    writeFileSync(
      join(project, "threaded.mjs"),
      `import { configFromSpec, loadPlugins, runChains, runChainsThreaded } from "collapse-harness/engine";
await loadPlugins(["./plugins/probe.ts", "./plugins/flip.ts"]);
const probe = { truth: "gaussian", family: "probe-fit", regime: "replace", samples: 5, generations: 4, chains: 50, seed: 4, metrics: ["thread-id"] };
let inWorker = false;
for (const until = Date.now() + 60_000; !inWorker && Date.now() < until; ) {
  inWorker = runChainsThreaded(probe, { threads: 2, chunk: 1, minSeconds: 0 }).values["thread-id"].some((id) => id !== 0);
}
const flip = { truth: "flip:p=0.3", family: "flip-mle", regime: "replace", samples: 20, generations: 3, chains: 400, seed: 4, metrics: ["mean-error"] };
const serial = Array.from(runChains(configFromSpec(flip)).values["mean-error"]);
const threaded = Array.from(runChainsThreaded(flip, { threads: 2, chunk: 1, minSeconds: 0 }).values["mean-error"]);
console.log(inWorker ? "worker" : "no worker", JSON.stringify(threaded) === JSON.stringify(serial) ? "same" : "different");
`,
    );
    // Runs after the test above wrote plugins/flip.ts.
    const r = ok(run(process.execPath, ["threaded.mjs"], project));
    expect(r.stdout.trim()).toBe("worker same");
  });
});
