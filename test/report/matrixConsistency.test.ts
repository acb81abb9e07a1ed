/**
 * The report's canonical collapse matrix against the collapse-matrix claim
 * (properties/collapse-matrix.test.ts; its table of predictions is docs/theory.md#collapse-matrix):
 * 1. On the canonical simulations (root seed 5, `small` preset) every cell gets the label the
 *    claim's own measurement gives the same chains: X_T/X_0 per chain, k = #{ratio ≤ ½}, the
 *    two-sided 95% Clopper–Pearson interval of k/n, "collapses" when it lies above ½, "holds"
 *    when below, else "undecided" (recomputed here from the engine's per-chain values).
 * 2. Run to the claim's horizon (T = 3M = 150 for the Gaussians, T = 150 for the categorical
 *    law, within the claim's scenario ranges), no cell's label contradicts the claim's asserted
 *    prediction, and the decisive cells agree with it. False alarm: a true prediction at the
 *    claim's pilot margins (P(ratio ≤ ½) ≥ 0.8 or ≤ 0.25) is contradicted only if Bin(24, p)
 *    falls 7+ chains past its mean, probability < 1e-6 per cell; the seed is fixed anyway.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configFromSpec } from "../../src/chain/chainSpec.ts";
import { type ChainResult, runChains } from "../../src/chain/runChains.ts";
import { clopperPearson } from "../../src/index.ts";
import { canonicalSpecs, collapseMatrix, runCanonical } from "../../src/report/index.ts";

const ROOT_SEED = 5;

/** The claim's predictions, read from the table the claim cites. */
function documentedPredictions(): Map<string, string> {
  const doc = readFileSync(new URL("../../docs/theory.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf('<a id="collapse-matrix"></a>'));
  const lines = section.split("\n").filter((l) => l.startsWith("|"));
  const header = lines[0].split("|").map((c) => c.trim());
  const out = new Map<string, string>();
  for (const line of lines.slice(2)) {
    const cells = line.split("|").map((c) => c.trim());
    for (let i = 2; i < header.length - 1; i++) out.set(`${cells[1]}|${header[i]}`, cells[i]);
  }
  return out;
}

/** The docs' column of a canonical regime label. */
const docsColumn = (label: string) => (label.startsWith("fresh") ? "fresh" : label);

/** The claim's measurement of one cell (its `tables.matrix` "measured" field), from scratch. */
function claimMeasured(result: ChainResult, metric: string): string {
  const T1 = result.generations + 1;
  const v = result.values[metric];
  const ratios: number[] = [];
  for (let c = 0; c < result.chains; c++) ratios.push(v[c * T1 + result.generations] / v[c * T1]);
  const below = ratios.filter((r) => r <= 0.5).length;
  const [lo, hi] = clopperPearson(below, ratios.length, 0.025, 0.025);
  return lo > 0.5 ? "collapses" : hi < 0.5 ? "holds" : "undecided";
}

const REPORT_LABEL: Record<string, string> = {
  collapses: "collapsed",
  holds: "not collapsed",
  undecided: "undecided",
};
const METRIC_OF_ROW: Record<string, string> = {
  "Gaussian unbiased (variance)": "variance",
  "Gaussian MLE (variance)": "variance",
  "categorical MLE (tail mass)": "tail-mass",
};
const SETTING_OF_ROW: Record<string, string> = {
  "Gaussian unbiased (variance)": "gaussian-unbiased",
  "Gaussian MLE (variance)": "gaussian-mle",
  "categorical MLE (tail mass)": "categorical-mle",
};

describe("the report's collapse matrix and the collapse-matrix claim", () => {
  const predictions = documentedPredictions();

  it("covers pairs the claim predicts, with the rule and labels the claim measures with", () => {
    const matrix = runCanonical(ROOT_SEED, "small").matrix;
    if (matrix === null) throw new Error("the small preset runs canonical simulations");
    expect(matrix.rows).toEqual(Object.keys(METRIC_OF_ROW));
    expect(matrix.rule).toMatch(/descriptive/);
    const specs = canonicalSpecs(ROOT_SEED, "small");
    expect(matrix.cells).toHaveLength(9);
    for (const cell of matrix.cells) {
      expect(predictions.get(`${cell.row}|${docsColumn(cell.column)}`), cell.row).toMatch(
        /^(collapses|holds)$/,
      );
      const run = specs.find(
        (r) => r.setting.id === SETTING_OF_ROW[cell.row] && r.regime.label === cell.column,
      );
      if (run === undefined) throw new Error(`no canonical run for ${cell.row} × ${cell.column}`);
      const measured = claimMeasured(runChains(configFromSpec(run.spec)), METRIC_OF_ROW[cell.row]);
      expect(cell.label, `${cell.row} × ${cell.column}: ${cell.detail}`).toBe(
        REPORT_LABEL[measured],
      );
    }
  });

  it("at the claim's horizon, agrees with every prediction it decides and contradicts none", () => {
    const runs = canonicalSpecs(ROOT_SEED, "small").map((r) => ({
      setting: r.setting.id,
      regime: r.regime.label,
      result: runChains(configFromSpec({ ...r.spec, generations: 150 })),
    }));
    const matrix = collapseMatrix(runs);
    const decided = { collapses: 0, holds: 0 };
    for (const cell of matrix.cells) {
      const predicted = predictions.get(`${cell.row}|${docsColumn(cell.column)}`) as
        | "collapses"
        | "holds";
      const why = `${cell.row} × ${cell.column}: predicted ${predicted}, ${cell.detail}`;
      expect(cell.label, why).not.toBe(
        predicted === "collapses" ? REPORT_LABEL.holds : REPORT_LABEL.collapses,
      );
      if (cell.label === REPORT_LABEL[predicted]) decided[predicted]++;
    }
    // Both kinds of prediction are met decisively somewhere, or the check above is vacuous.
    expect(decided.collapses).toBeGreaterThanOrEqual(2);
    expect(decided.holds).toBeGreaterThanOrEqual(4);
  });
});
