/**
 * Shared helpers of the report tests: a tiny temporary properties folder (two fast claims copied
 * from properties/heterozygosity.test.ts with small budgets: one true, one planted false), and a
 * runner for the real `collapse` CLI in a clean environment.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkClaim } from "../../src/claims/checkClaim.ts";
import type { Claim } from "../../src/claims/defineClaim.ts";
import { setRegisterOnly } from "../../src/claims/registry.ts";
import { jsonSafe } from "../../src/claims/verifyClaim.ts";
import type { Report } from "../../src/report/contract/schema.ts";
import type { SimulationPreset } from "../../src/report/contract/simulationPresets.ts";
import {
  assembleReport,
  buildBody,
  type CollectedRun,
  type CollectedTest,
  PRESET_SIZES,
  runCanonical,
} from "../../src/report/index.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const BIN = join(ROOT, "bin", "collapse.js");
const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");

/** Heterozygosity decay with small budgets (true: must be supported). */
export const TINY_TRUE = `import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "tiny-heterozygosity",
  title: "E[H_t] = (1 − 1/M)^t H_0 (small budget)",
  citation: { source: "Wright–Fisher; Seddik et al. 2024", where: "docs/theory.md#heterozygosity" },
  statement: "Resampling M symbols per generation multiplies expected heterozygosity by 1 − 1/M.",
  kind: "in-expectation",
  scenario: fc.record({
    k: fc.integer({ min: 2, max: 6 }),
    M: fc.integer({ min: 10, max: 40 }),
    T: fc.integer({ min: 1, max: 5 }),
  }),
  simulate: (s, range) => {
    const truth = \`categorical:p=\${Array(s.k).fill(1 / s.k).join("/")}\`;
    const spec = { truth, family: "categorical-mle", regime: "replace", samples: s.M };
    const r = runReplicates({ ...spec, generations: s.T, metrics: ["heterozygosity"] }, range);
    return { H: generationValues(r, "heterozygosity", s.T) };
  },
  checks: (s) => [meanEquals("H", (1 - 1 / s.M) ** s.T * (1 - 1 / s.k), { precision: 0.1 })],
  budget: { scenarios: 3, replicates: 100, maxReplicates: 400 },
});

verifyClaim(claim);
`;

/** The same claim with the exponent doubled: a planted false claim, must be refuted. */
export const TINY_FALSE = `import {
  defineClaim,
  generationValues,
  meanEquals,
  runReplicates,
  verifyClaim,
} from "collapse-harness";
import fc from "fast-check";

export const claim = defineClaim({
  id: "tiny-planted-decay",
  title: "E[H_t] = (1 − 1/M)^(2t) H_0 (planted false claim, small budget)",
  citation: { source: "planted error in Wright–Fisher", where: "docs/theory.md#heterozygosity" },
  statement: "Heterozygosity decays twice as fast as it does.",
  kind: "in-expectation",
  scenario: fc.record({
    k: fc.integer({ min: 2, max: 6 }),
    M: fc.integer({ min: 5, max: 12 }),
    T: fc.integer({ min: 2, max: 6 }),
  }),
  simulate: (s, range) => {
    const truth = \`categorical:p=\${Array(s.k).fill(1 / s.k).join("/")}\`;
    const spec = { truth, family: "categorical-mle", regime: "replace", samples: s.M };
    const r = runReplicates({ ...spec, generations: s.T, metrics: ["heterozygosity"] }, range);
    return { H: generationValues(r, "heterozygosity", s.T) };
  },
  checks: (s) => [meanEquals("H", (1 - 1 / s.M) ** (2 * s.T) * (1 - 1 / s.k), { precision: 0.1 })],
  budget: { scenarios: 3, replicates: 100, maxReplicates: 400 },
});

verifyClaim(claim, { expect: "refuted" });
`;

/**
 * A temporary claims folder inside properties/ (hidden, so `collapse verify` without arguments
 * never picks it up), relative to the project root. Returns it and a cleanup function.
 */
export function tinyClaims(tag: string): { dir: string; abs: string; cleanup: () => void } {
  const dir = `properties/.tmp-${tag}-${process.pid}`;
  const abs = join(ROOT, dir);
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  writeFileSync(join(abs, "tiny-true.test.ts"), TINY_TRUE);
  writeFileSync(join(abs, "tiny-false.test.ts"), TINY_FALSE);
  return { dir, abs, cleanup: () => rmSync(abs, { recursive: true, force: true }) };
}

/** The environment for a child process: this worker's vitest variables removed, CI set, no colours. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      k.startsWith("VITEST") ||
      k === "TEST" ||
      k === "NODE_ENV" ||
      k === "FORCE_COLOR" ||
      k.startsWith("COLLAPSE_")
    ) {
      continue;
    }
    env[k] = v;
  }
  return { ...env, CI: "1", NO_COLOR: "1", ...extra };
}

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `collapse …` from the project root. */
export function collapse(args: readonly string[], extra: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: childEnv(extra),
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the project's vitest CLI from the project root. */
export function vitest(args: readonly string[], extra: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [VITEST, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: childEnv(extra),
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A valid report of a run with no claims and no simulations (so no charts: rendering it never
 * loads vega), with the given run id and, optionally, the claim files its selection names.
 */
export function emptyReport(id: string, files: string[] = []): Report {
  const collected = { files: [], tests: [], moduleErrors: [], unhandledErrors: [] };
  const canonical = runCanonical(1, "none");
  const body = buildBody(collected, {
    rootSeed: 1,
    claims: [],
    preset: "none",
    chains: 0,
    generations: 0,
    trajectories: canonical.trajectories,
    fractions: canonical.fractions,
    histograms: canonical.histograms,
    matrix: canonical.matrix,
  });
  return assembleReport({ ...body, selection: { files, claims: [] } }, collected, {
    id,
    started: new Date("2026-01-01T00:00:00Z"),
    simulationsMs: 0,
    command: ["collapse", "verify"],
    workers: 1,
    merged: null,
  });
}

/**
 * A real report of the tiny planted claim (tiny-false.test.ts in `claims`) checked at root seed 7,
 * with the canonical simulations of `preset`. `failingId`, when given, adds the same refuted
 * evidence under a claim of that id that was expected to hold: a real failure.
 */
export async function plantedClaimReport(
  claims: { readonly dir: string; readonly abs: string },
  preset: SimulationPreset,
  id: string,
  failingId?: string,
): Promise<Report> {
  setRegisterOnly(true);
  let claim: Claim<unknown>;
  try {
    const file = pathToFileURL(join(claims.abs, "tiny-false.test.ts")).href;
    claim = ((await import(file)) as { claim: Claim<unknown> }).claim;
  } finally {
    setRegisterOnly(false);
  }
  const report = checkClaim(claim, { rootSeed: 7 });
  const file = `${claims.dir}/tiny-false.test.ts`;
  const tests: CollectedTest[] = [
    {
      file,
      name: `${claim.id} (planted false claim, must be refuted): ${claim.title}`,
      state: "passed",
      meta: jsonSafe({ ...report, expect: "refuted" }),
      errors: [],
      durationMs: report.durationMs,
    },
  ];
  if (failingId !== undefined) {
    tests.push({
      file,
      name: `${failingId}: ${claim.title}`,
      state: "failed",
      meta: jsonSafe({ ...report, claim: { ...report.claim, id: failingId }, expect: "supported" }),
      errors: [`${failingId}: refuted`],
      durationMs: report.durationMs,
    });
  }
  const collected: CollectedRun = { files: [file], tests, moduleErrors: [], unhandledErrors: [] };
  const canonical = runCanonical(7, preset);
  const body = buildBody(collected, {
    rootSeed: 7,
    claims: [],
    preset,
    ...PRESET_SIZES[preset],
    trajectories: canonical.trajectories,
    fractions: canonical.fractions,
    histograms: canonical.histograms,
    matrix: canonical.matrix,
  });
  return assembleReport(body, collected, {
    id,
    started: new Date(),
    simulationsMs: 0,
    command: ["collapse", "verify"],
    workers: 1,
    merged: null,
  });
}
