import { describe, expect, it } from "vitest";
import type { Dataset, RealData } from "../../src/model/data.ts";
import { freshRealCount, startRegime } from "../../src/regimes/regime.ts";
import { derive } from "../../src/rng/index.ts";

// Real samples are negative, synthetic ones positive and tagged by generation, so the make-up
// of every training set can be read off exactly.
const M = 10;
let generation = 0;
const realData = (n: number): RealData => ({
  kind: "real",
  values: Float64Array.from({ length: n }, (_, i) => -(i + 1)),
});
const synthetic = (n: number): Dataset => ({
  kind: "real",
  values: new Float64Array(n).fill(generation),
});
const values = (d: Dataset) => Array.from((d as RealData).values);

function run(regime: Parameters<typeof startRegime>[0], T: number): number[][] {
  const first = realData(M);
  const r = startRegime(regime, first, M, derive(1, "regimes"));
  const sets = [values(first)];
  for (generation = 1; generation < T; generation++)
    sets.push(values(r.next(synthetic, realData) as Dataset));
  return sets;
}

describe("regimes build the training sets they name", () => {
  it("replace: M synthetic samples of the latest model", () => {
    const sets = run({ kind: "replace" }, 4);
    expect(sets[3]).toEqual(new Array(M).fill(3));
  });

  it("accumulate: everything so far, real data included", () => {
    const sets = run({ kind: "accumulate" }, 4);
    expect(sets.map((s) => s.length)).toEqual([10, 20, 30, 40]);
    expect(sets[3].filter((v) => v < 0)).toHaveLength(M);
    expect(sets[3].filter((v) => v === 2)).toHaveLength(M);
  });

  it("accumulate-subsample: fixed size, drawn without replacement from the pool", () => {
    const sets = run({ kind: "accumulate-subsample" }, 6);
    for (const s of sets) expect(s).toHaveLength(M);
    // The real samples are distinct values: no duplicates means no replacement.
    const reals = sets[5].filter((v) => v < 0);
    expect(new Set(reals).size).toBe(reals.length);
  });

  it("fresh: n_real fresh real samples plus M − n_real synthetic; λ is synthetic:real", () => {
    const sets = run({ kind: "fresh", real: 3 }, 3);
    expect(sets[2].filter((v) => v < 0)).toHaveLength(3);
    expect(sets[2].filter((v) => v === 2)).toHaveLength(7);
    expect(freshRealCount({ kind: "fresh", lambda: 1 }, 100)).toBe(50);
    expect(freshRealCount({ kind: "fresh", lambda: 3 }, 100)).toBe(25);
    expect(() => freshRealCount({ kind: "fresh", real: 3, lambda: 1 }, 100)).toThrow(
      /fresh: real cannot be given together with lambda/,
    );
    expect(() => freshRealCount({ kind: "fresh", real: 101 }, 100)).toThrow(
      /fresh: real .*got 101/,
    );
  });

  it("keep-original: the same fraction of D₁ every generation", () => {
    const sets = run({ kind: "keep-original", fraction: 0.3 }, 5);
    const kept = sets[1].filter((v) => v < 0).sort();
    expect(kept).toHaveLength(3);
    for (const s of sets.slice(2)) expect(s.filter((v) => v < 0).sort()).toEqual(kept);
  });

  it("keep-original with lambda: the kept real data plus λ·|kept| synthetic (Bertrand's loop)", () => {
    // fraction 1: D₁ whole every generation, plus λM synthetic samples of the latest model.
    const sets = run({ kind: "keep-original", fraction: 1, lambda: 0.5 }, 4);
    for (const [t, s] of sets.slice(1).entries()) {
      expect(s).toHaveLength(15);
      expect(s.filter((v) => v < 0).sort()).toEqual(values(realData(M)).sort());
      expect(s.filter((v) => v === t + 1)).toHaveLength(5);
    }
    // λ = 0: D₁ alone, every generation (the chain never leaves its first fit).
    for (const s of run({ kind: "keep-original", fraction: 1, lambda: 0 }, 3).slice(1)) {
      expect(s.sort()).toEqual(values(realData(M)).sort());
    }
    // A fraction below 1: (1 + λ)·|kept|, not filled up to M.
    const part = run({ kind: "keep-original", fraction: 0.4, lambda: 2 }, 3);
    expect(part[2].filter((v) => v < 0)).toHaveLength(4);
    expect(part[2].filter((v) => v === 2)).toHaveLength(8);
  });

  it("keep-original with lambda refuses to keep nothing (the training sets would be empty)", () => {
    expect(() =>
      startRegime({ kind: "keep-original", fraction: 0.01, lambda: 1 }, realData(M), M, derive(2)),
    ).toThrow(/keep-original: fraction .*keeps no real sample/);
  });
});
