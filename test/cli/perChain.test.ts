/**
 * `collapse simulate --per-chain`: every chain × generation × metric value with the run's settings,
 * as an Arrow IPC file and as CSV. The Arrow file is read back with readers independent of the
 * writer (apache-arrow): flechette (a separate JavaScript implementation of the Arrow format) always,
 * and Python's pyarrow when it is installed; both must give the engine's own values bit for bit,
 * infinities as IEEE infinities. Deterministic: no statistical tolerance is involved.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "@uwdata/flechette";
import { afterAll, describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { runChains } from "../../src/chain/runChains.ts";
import { perChainCsv } from "../../src/cli/perChain.ts";
import { runCliInProcess } from "./runInProcess.ts";

const work = mkdtempSync(join(tmpdir(), "collapse-per-chain-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SPEC = {
  truth: "zipf:k=30,s=1.1",
  family: "categorical-mle",
  regime: "keep-original:fraction=0.1",
  samples: 60,
  generations: 12,
  chains: 7,
  seed: 11,
};
const METRICS = ["support", "kl", "entropy"];
const args = [
  "simulate",
  "--truth",
  SPEC.truth,
  "--family",
  SPEC.family,
  "--regime",
  SPEC.regime,
  "--samples",
  String(SPEC.samples),
  "--generations",
  String(SPEC.generations),
  "--chains",
  String(SPEC.chains),
  "--seed",
  String(SPEC.seed),
  "--metrics",
  METRICS.join(","),
];

/** The engine's values for the same run: values[id][c·(T+1) + t]. */
const engine = runChains(configFromSpec({ ...SPEC, metrics: METRICS }));
const T1 = SPEC.generations + 1;
const rows = SPEC.chains * T1;

/** Bitwise equality of doubles (Object.is: NaN equals NaN, +∞ and −∞ distinct). */
function sameValues(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(`${what}[${i}]: expected ${expected[i]}, got ${actual[i]}`);
    }
  }
}

describe("collapse simulate --per-chain", () => {
  it("writes an Arrow IPC file that an independent reader (flechette) loads with the engine's values", async () => {
    const file = join(work, "sub", "chains.arrow");
    const r = await runCliInProcess([...args, "--per-chain", file, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${rows} chain × generation rows to ${file} (arrow)`);
    // stdout is still exactly one JSON object.
    expect(Object.keys(JSON.parse(r.stdout).metrics)).toEqual(METRICS);

    const table = tableFromIPC(readFileSync(file), { useProxy: false });
    expect(table.numRows).toBe(rows);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      "truth",
      "family",
      "regime",
      "transforms",
      "samples",
      "seed",
      "chain",
      "generation",
      ...METRICS,
    ]);
    const column = (name: string) => table.getChild(name)?.toArray() as ArrayLike<unknown>;
    expect(new Set(Array.from(column("truth")))).toEqual(new Set([SPEC.truth]));
    expect(new Set(Array.from(column("regime")))).toEqual(new Set([SPEC.regime]));
    expect(new Set(Array.from(column("seed")))).toEqual(new Set([String(SPEC.seed)]));
    expect(new Set(Array.from(column("samples")))).toEqual(new Set([SPEC.samples]));
    const chain = column("chain") as ArrayLike<number>;
    const generation = column("generation") as ArrayLike<number>;
    for (let i = 0; i < rows; i++) {
      expect([chain[i], generation[i]]).toEqual([Math.floor(i / T1), i % T1]);
    }
    for (const id of METRICS) {
      sameValues(column(id) as ArrayLike<number>, engine.values[id], id);
    }
    // KL is +∞ once a symbol is lost: the file carries real infinities, not strings.
    expect(Array.from(column("kl") as ArrayLike<number>)).toContain(Number.POSITIVE_INFINITY);
    const config = JSON.parse(table.schema.metadata?.get("collapse-harness") ?? "null");
    expect(config).toMatchObject({ ...SPEC, metrics: METRICS });
  });

  it("pyarrow (when installed) reads the same file with the same values", async (ctx) => {
    const probe = spawnSync("python3", ["-c", "import pyarrow"], { encoding: "utf8" });
    if (probe.status !== 0) {
      console.warn("pyarrow is not installed: the Python reader check is skipped (flechette ran)");
      ctx.skip();
    }
    const file = join(work, "py.feather");
    const r = await runCliInProcess([...args, "--per-chain", file]);
    expect(r.code, r.stderr).toBe(0);
    // JSON cannot hold infinities: pyarrow's doubles go out as their 17-digit repr strings.
    const script = [
      "import json, sys, pyarrow.feather as f",
      "t = f.read_table(sys.argv[1])",
      "print(json.dumps({c: [repr(v) if isinstance(v, float) else v for v in t.column(c).to_pylist()] for c in t.column_names}))",
    ].join("\n");
    const py = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
    expect(py.status, py.stderr).toBe(0);
    const out = JSON.parse(py.stdout) as Record<string, (string | number)[]>;
    const parse = (s: string | number) =>
      s === "inf" ? Number.POSITIVE_INFINITY : s === "-inf" ? Number.NEGATIVE_INFINITY : Number(s);
    for (const id of METRICS) sameValues(out[id].map(parse), engine.values[id], `pyarrow ${id}`);
    expect(out.generation.slice(0, T1)).toEqual(Array.from({ length: T1 }, (_, t) => t));
  });

  it("writes CSV with the same rows: settings quoted where they hold commas, inf spelled as numpy reads it", async () => {
    const file = join(work, "chains.csv");
    const r = await runCliInProcess([...args, "--per-chain", file]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      `truth,family,regime,transforms,samples,seed,chain,generation,${METRICS.join(",")}`,
    );
    expect(lines).toHaveLength(1 + rows);
    for (let i = 0; i < rows; i++) {
      const m =
        /^"zipf:k=30,s=1\.1",categorical-mle,keep-original:fraction=0\.1,,60,11,(\d+),(\d+),(.*)$/.exec(
          lines[1 + i],
        );
      expect(m, lines[1 + i]).not.toBeNull();
      const [, c, t, rest] = m as RegExpExecArray;
      expect([Number(c), Number(t)]).toEqual([Math.floor(i / T1), i % T1]);
      const values = rest
        .split(",")
        .map((v) => (v === "inf" ? Number.POSITIVE_INFINITY : Number(v)));
      sameValues(
        values,
        METRICS.map((id) => engine.values[id][i]),
        `row ${i + 1}`,
      );
    }
    // numpy parses the file as written (an external reader of the CSV).
    const np = spawnSync(
      "python3",
      [
        "-c",
        "import numpy, sys; a = numpy.genfromtxt(sys.argv[1], delimiter=',', skip_header=1, usecols=(8, 9, 10)); print(a.shape[0], int(numpy.isinf(a).sum()))",
        file,
      ],
      { encoding: "utf8" },
    );
    if (np.status === 0) {
      let infinite = 0;
      for (const id of METRICS) for (const v of engine.values[id]) if (v === Infinity) infinite++;
      expect(np.stdout.trim()).toBe(`${rows} ${infinite}`);
    }
  });

  it("undefined values are NaN in CSV; a field with a quote is quoted and doubled", () => {
    const csv = perChainCsv({
      settings: {
        truth: 'text:file="a,b".txt',
        family: "f",
        regime: "r",
        transforms: "",
        seed: "s",
      },
      samples: 3,
      chain: Int32Array.of(0, 0),
      generation: Int32Array.of(0, 1),
      metrics: { m: Float64Array.of(Number.NaN, Number.NEGATIVE_INFINITY) },
    });
    expect(csv.split("\n").slice(1, 3)).toEqual([
      '"text:file=""a,b"".txt",f,r,,3,s,0,0,NaN',
      '"text:file=""a,b"".txt",f,r,,3,s,0,1,-inf',
    ]);
  });

  it("a file name without a known extension, or an unwritable folder, fails before any chain runs", async () => {
    const bad = await runCliInProcess([...args, "--per-chain", join(work, "x.parquet")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--per-chain.*\.arrow, \.feather, \.csv.*x\.parquet/);
    const blocker = join(work, "a-file");
    writeFileSync(blocker, "");
    const unwritable = await runCliInProcess([
      ...args,
      "--per-chain",
      join(blocker, "sub", "x.csv"),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^collapse: UnwritableOutputError: /);
    expect(unwritable.stdout).toBe("");
  });
});
