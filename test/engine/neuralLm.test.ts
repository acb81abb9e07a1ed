/**
 * The neural language model plug-in (plugins/neural-lm.ts).
 *
 * Exact checks: the gradient of the training loss against central finite differences at every
 * weight of a small model; the law over the truth's symbols sums to 1 in every context (with and
 * without a transform); bit-identical reruns for the same stream; the fine-tune procedures keep
 * the base's vocabulary and carry the base along the chain; greedy top-k = 1 sampling; named
 * errors for bad parameters.
 *
 * Stochastic check (fixed seed 15, false-alarm probability stated below): training on a long
 * sample of a known low-entropy bigram chain recovers its transition probabilities.
 */
import {
  ChainStepper,
  configFromSpec,
  derive,
  familyFromSpec,
  InvalidParameterError,
  modelKind,
  runChains,
  type SequenceData,
  synthesize,
  transformFromSpec,
} from "collapse-harness/engine";
import { describe, expect, it } from "vitest";
import {
  fitNeuralLm,
  initNeuralLm,
  layout,
  type NeuralLmModel,
  neuralLmConfig,
  neuralLmLoss,
  neuralLmTokenLogProbs,
  sampleNeuralLm,
} from "../../plugins/neural-lm.ts";

const ops = modelKind("neural-lm");

function seq(tokens: number[], vocabSize: number, starts: number[] = [0]): SequenceData {
  return {
    kind: "sequence",
    vocabSize,
    tokens: Int32Array.from(tokens),
    starts: Int32Array.from(starts),
  };
}

/**
 * A small corpus over K = 9 symbols: words 2…8 (7 and 8 once each, so with minCount 2 they are
 * `<unk>`), boundaries, two segments — so every weight block, `<unk>` and restarts are exercised.
 */
const TINY = seq([2, 3, 4, 0, 2, 5, 7, 3, 0, 4, 4, 6, 2, 0, 3, 8, 5, 6, 0, 2, 3, 0], 9, [0, 9]);

/** ln P(x | the start context) for every symbol x, via tokenLogProbs on one-token sequences. */
function startLaw(model: NeuralLmModel): number[] {
  return Array.from({ length: model.vocabSize }, (_, x) =>
    Math.exp(neuralLmTokenLogProbs(model, seq([x], model.vocabSize))[0]),
  );
}

describe("neural-lm gradient (central differences, every weight)", () => {
  it("matches the analytic gradient of the mean cross-entropy", () => {
    const stream = derive(15, "neural-grad");
    const init = initNeuralLm(TINY, { context: 2, dim: 3, hidden: 4 }, stream);
    // Weights of magnitude up to 0.5 (not the small initial ones), so tanh is in its curved part.
    const w = init.weights.map(() => stream.nextDouble() - 0.5);
    const model: NeuralLmModel = { ...init, weights: w };
    expect(model.units).toBe(7); // </s>, 2…6, <unk>
    expect(model.classes).toBe(3);
    const grad = new Float64Array(w.length);
    const loss = neuralLmLoss(model, TINY, grad);
    /*
     * Tolerance per weight: central differences with step h have truncation error ≤ h²·|f'''|/6
     * and rounding error ≤ 2δ/(2h) = δ/h, δ the absolute rounding error of one loss evaluation.
     * |f'''| ≤ 8 here: along one weight the loss is a mean of log-softmax terms (third derivative
     * along any unit direction of logits ≤ 1) composed with tanh (|tanh'''| ≤ 2) and linear maps
     * whose weights and inputs are ≤ 0.5 and ≤ 1 in magnitude, so every factor of the chain rule
     * is ≤ 2 and the third derivative is ≤ 2³ = 8. δ ≤ 100·ε·|f|: each token's log-probability takes < 100 rounded
     * operations of relative error ε = 2⁻⁵³, and the mean adds no more than the sum's.
     * With h = 1e-4: 8·1e-8/6 + 100·ε·|f|/1e-4 ≈ 1.3e-8 + 2.2e-10·|f|.
     */
    const h = 1e-4;
    const eps = 2 ** -53;
    const tolerance = (8 * h * h) / 6 + (100 * eps * Math.abs(loss)) / h;
    let worst = 0;
    let worstAt = -1;
    const probe = Float64Array.from(w);
    for (let i = 0; i < w.length; i++) {
      probe[i] = w[i] + h;
      const up = neuralLmLoss({ ...model, weights: probe }, TINY);
      probe[i] = w[i] - h;
      const down = neuralLmLoss({ ...model, weights: probe }, TINY);
      probe[i] = w[i];
      const fd = (up - down) / (2 * h);
      const err = Math.abs(fd - grad[i]);
      if (err > worst) {
        worst = err;
        worstAt = i;
      }
    }
    console.log(
      `gradient check: ${w.length} weights, loss ${loss}, max |fd − analytic| = ${worst.toExponential(2)} at weight ${worstAt} (analytic ${grad[worstAt]}), tolerance ${tolerance.toExponential(2)}`,
    );
    expect(worst, `max |fd − analytic| over ${w.length} weights`).toBeLessThanOrEqual(tolerance);
    // The check can fail: every block has weights with non-zero gradient.
    const L = layout(model);
    for (const [name, from, to] of [
      ["E", L.E, L.W1],
      ["W1", L.W1, L.b1],
      ["b1", L.b1, L.Wc],
      ["Wc", L.Wc, L.bc],
      ["bc", L.bc, L.Wo],
      ["Wo", L.Wo, L.bo],
      ["bo", L.bo, L.size],
    ] as const) {
      const largest = Math.max(...Array.from(grad.subarray(from, to), Math.abs));
      expect(largest, `largest |gradient| in block ${name}`).toBeGreaterThan(1e-3);
    }
  });
});

describe("neural-lm law over the symbols", () => {
  const model = fitNeuralLm(TINY, { context: 2, dim: 4, hidden: 6, epochs: 5 }, derive(15, "law"));

  it("sums to 1 over all K symbols; <unk>'s mass is shared equally by the symbols without a unit", () => {
    const p = startLaw(model);
    const total = p.reduce((a, b) => a + b, 0);
    // K terms each with relative error ≤ a few ε from exp/log: |Σ − 1| ≤ 64·K·ε.
    expect(Math.abs(total - 1)).toBeLessThanOrEqual(64 * 9 * 2 ** -52);
    // Symbols 1, 7 and 8 have no unit (1 never occurs; 7 and 8 occur once, below minCount 2).
    expect(Array.from(model.unknownSymbols)).toEqual([1, 7, 8]);
    expect(p[7]).toBe(p[1]);
    expect(p[8]).toBe(p[1]);
    expect(ops.support?.(model)).toBe(6);
  });

  it("the forward pass is the model's formula with every sum added in index order (exactly)", () => {
    // A random model (no training), n·d = 16 inputs, H = 9 hidden units, 30 units in classes of 6: the
    // kernels' four-at-a-time sums and their remainders (9 = 4 + 4 + 1, 6 = 4 + 2) are all run.
    const tokens = Array.from({ length: 400 }, (_, i) => (i % 13 === 0 ? 0 : 1 + ((i * 7) % 29)));
    const data = seq(tokens, 30);
    const m = initNeuralLm(data, { context: 2, dim: 8, hidden: 9 }, derive(15, "forward"));
    expect([m.units, m.classSize, m.classes]).toEqual([30, 6, 5]);
    const L = layout(m);
    const w = m.weights;
    const dot = (bias: number, row: number, v: ArrayLike<number>, len: number) => {
      let z = w[bias];
      for (let r = 0; r < len; r++) z += w[row + r] * v[r];
      return z;
    };
    const softmax = (z: number[]) => {
      let max = Number.NEGATIVE_INFINITY;
      for (const v of z) if (v > max) max = v;
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    };
    // Contexts (a, b) of two words, then every symbol s after them: ln P(s | a, b).
    for (const [a, b] of [
      [3, 17],
      [29, 5],
      [12, 12],
    ]) {
      const x: number[] = [];
      for (const sym of [a, b]) {
        for (let q = 0; q < m.dim; q++) x.push(w[L.E + m.symbolUnit[sym] * m.dim + q]);
      }
      const h = Array.from({ length: m.hidden }, (_, r) =>
        Math.tanh(dot(L.b1 + r, L.W1 + r * x.length, x, x.length)),
      );
      const pc = softmax(
        Array.from({ length: m.classes }, (_, c) =>
          dot(L.bc + c, L.Wc + c * m.hidden, h, m.hidden),
        ),
      );
      for (let s = 0; s < m.vocabSize; s++) {
        const u = m.symbolUnit[s];
        const k = Math.floor(u / m.classSize);
        const first = k * m.classSize;
        const size = Math.min(m.classSize, m.units - first);
        const pw = softmax(
          Array.from({ length: size }, (_, j) =>
            dot(L.bo + first + j, L.Wo + (first + j) * m.hidden, h, m.hidden),
          ),
        );
        const multiplicity = u === m.unkUnit ? m.unknownSymbols.length : 1;
        const expected = Math.log(pc[k]) + Math.log(pw[u - first]) - Math.log(multiplicity);
        const got = neuralLmTokenLogProbs(m, seq([a, b, s], m.vocabSize))[2];
        expect(got, `ln P(${s} | ${a} ${b})`).toBe(expected);
      }
    }
  });

  it("perplexity is exp of the mean negative token log-probability", () => {
    const lp = neuralLmTokenLogProbs(model, TINY);
    const expected = Math.exp(-lp.reduce((a, b) => a + b, 0) / lp.length);
    expect(ops.perplexity?.(model, TINY)).toBe(expected);
  });

  it("symbolMass of every symbol is 1 and of a set is the mean of its next-token probabilities", () => {
    const all = Int32Array.from({ length: 9 }, (_, i) => i);
    expect(Math.abs((ops.symbolMass?.(model, all, TINY) ?? 0) - 1)).toBeLessThanOrEqual(
      64 * 9 * 2 ** -52,
    );
    const set = Int32Array.of(2, 7);
    const start = seq([0], 9);
    const p = startLaw(model);
    expect(ops.symbolMass?.(model, set, start)).toBeCloseTo(p[2] + p[7], 14);
  });

  it("top-k = 1 samples the most likely unit of every context (probability 1 under the mapped model)", () => {
    const greedy = transformFromSpec("top-k:k=1");
    const data = synthesize(model, [greedy], derive(15, "greedy"), 40) as SequenceData;
    const mapped = ops.mapProbabilities?.(model, (p) => {
      const q = new Float64Array(p.length);
      q[p.indexOf(Math.max(...p))] = 1;
      return q;
    }) as NeuralLmModel;
    const lp = neuralLmTokenLogProbs(mapped, data);
    // A symbol without a unit is one of |<unk>| equally likely symbols: ln P = −ln 3.
    for (let i = 0; i < lp.length; i++) {
      const expected = model.symbolUnit[data.tokens[i]] === model.unkUnit ? -Math.log(3) : 0;
      expect(lp[i], `token ${i} (${data.tokens[i]})`).toBeCloseTo(expected, 14);
    }
  });

  it("temperature keeps a law that sums to 1 and sharpens it (τ < 1 raises the top probability)", () => {
    const cold = ops.temperature?.(model, 0.5) as NeuralLmModel;
    const p = startLaw(model);
    const q = startLaw(cold);
    expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(64 * 9 * 2 ** -52);
    expect(Math.max(...q)).toBeGreaterThan(Math.max(...p));
  });
});

describe("neural-lm determinism and procedures", () => {
  it("a fit and a sample are bit-identical for the same stream, different for another", () => {
    const train = (seed: number) => fitNeuralLm(TINY, { epochs: 2 }, derive(seed, "rerun"));
    const a = train(15);
    const b = train(15);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(train(16).weights.buffer))).toBe(false);
    const s1 = sampleNeuralLm(a, derive(15, "s"), 200).tokens;
    const s2 = sampleNeuralLm(b, derive(15, "s"), 200).tokens;
    expect(Array.from(s1)).toEqual(Array.from(s2));
  });

  it("init=base: generation 1 is the base; later generations start from it, keep its vocabulary and carry it", () => {
    const spec = {
      truth: "text:corpus=gpl,k=0.1",
      family: "neural-lm:init=base,epochs=1,tuneEpochs=1",
      samples: 600,
      generations: 3,
      chains: 1,
      seed: 15,
      metrics: [],
    };
    const config = configFromSpec({ ...spec, regime: "replace" });
    const stepper = new ChainStepper(config, derive(15, "chain"));
    const g1 = stepper.step() as NeuralLmModel;
    expect(g1.base).toBeUndefined();
    const g2 = stepper.step() as NeuralLmModel;
    const g3 = stepper.step() as NeuralLmModel;
    expect(g2.base).toBe(g1);
    expect(g3.base).toBe(g1);
    expect(Array.from(g3.unitSymbol)).toEqual(Array.from(g1.unitSymbol));
    expect(g3.weights).not.toEqual(g1.weights);
    // scratch refits the vocabulary to each generation's own text.
    const scratch = new ChainStepper(
      configFromSpec({ ...spec, family: "neural-lm:epochs=1", regime: "replace" }),
      derive(15, "chain"),
    );
    scratch.step();
    const s2 = scratch.step() as NeuralLmModel;
    expect(s2.base).toBeUndefined();
  });

  it("init=previous fine-tunes the previous generation", () => {
    const g1 = fitNeuralLm(TINY, { epochs: 1 }, derive(15, "p1"));
    const g2 = fitNeuralLm(TINY, { init: "previous", tuneEpochs: 1 }, derive(15, "p2"), g1);
    expect(g2.base).toBeUndefined();
    expect(Array.from(g2.unitSymbol)).toEqual(Array.from(g1.unitSymbol));
    expect(g2.weights).not.toEqual(g1.weights);
  });

  it("runs under replace, keep-original and accumulate with temperature, top-k and top-p", () => {
    for (const regime of ["replace", "keep-original:fraction=0.1", "accumulate"]) {
      for (const transform of ["temperature:tau=0.8", "top-k:k=20", "top-p:p=0.9"]) {
        const result = runChains(
          configFromSpec({
            truth: "text:corpus=gpl,k=0.1",
            family: "neural-lm:epochs=1,init=base",
            regime,
            transforms: [transform],
            samples: 300,
            generations: 2,
            chains: 1,
            seed: 15,
            metrics: ["perplexity", "support"],
          }),
        );
        const ppl = result.values.perplexity;
        expect(ppl.length, `${regime} ${transform}`).toBe(3);
        for (const v of ppl)
          expect(Number.isFinite(v) && v > 1, `${regime} ${transform}: ${v}`).toBe(true);
      }
    }
  });
});

describe("neural-lm recovers a bigram chain (seed 15)", () => {
  /*
   * A low-entropy first-order chain over words 2…5 with sentence ends: rows are P(next | prev),
   * prev = </s> (the start context) or a word. Columns: </s>, <unk> (never), 2, 3, 4, 5.
   */
  const P: Record<number, number[]> = {
    0: [0, 0, 0.8, 0.2, 0, 0],
    2: [0, 0, 0, 0.9, 0.1, 0],
    3: [0, 0, 0, 0, 1, 0],
    4: [0.3, 0, 0, 0, 0, 0.7],
    5: [1, 0, 0, 0, 0, 0],
  };
  const K = 6;
  const N = 20_000;
  const stream = derive(15, "bigram-chain");
  const tokens: number[] = [];
  let prev = 0;
  for (let i = 0; i < N; i++) {
    const u = stream.nextDouble();
    let acc = 0;
    let x = K - 1;
    for (let j = 0; j < K; j++) {
      acc += P[prev][j];
      if (u < acc) {
        x = j;
        break;
      }
    }
    tokens.push(x);
    prev = x;
  }
  const data = seq(tokens, K);

  it("fitted next-word probabilities are within 5 sd + 0.02 of the true ones", () => {
    const model = fitNeuralLm(
      data,
      { context: 1, dim: 8, hidden: 16, epochs: 3 },
      derive(15, "bigram-fit"),
    );
    /*
     * Bound per entry: |p̂ − p| ≤ 5·√(p(1 − p)/n_h) + 0.02, n_h the number of tokens in context h.
     * The first term is the sampling error of the empirical frequency the loss is minimised at
     * (two-sided normal tail beyond 5 sd: 5.7e-7 per entry, ≤ 1.7e-5 over the 30 entries); the
     * second is this test's specification of how close 3 epochs of Adam must come to it. Entries
     * with p ∈ {0, 1} have no sampling error and must be within 0.02.
     */
    const n = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const h = i === 0 ? 0 : tokens[i - 1];
      n.set(h, (n.get(h) ?? 0) + 1);
    }
    let worst = 0;
    for (const h of Object.keys(P).map(Number)) {
      for (let x = 0; x < K; x++) {
        const lp = neuralLmTokenLogProbs(model, seq(h === 0 ? [x] : [h, x], K));
        const fitted = Math.exp(lp[lp.length - 1]);
        const p = P[h][x];
        const bound = 5 * Math.sqrt((p * (1 - p)) / (n.get(h) ?? 1)) + 0.02;
        worst = Math.max(worst, Math.abs(fitted - p));
        expect(
          Math.abs(fitted - p),
          `P(${x} | ${h}): true ${p}, fitted ${fitted}, bound ${bound}`,
        ).toBeLessThanOrEqual(bound);
      }
    }
    console.log(
      `bigram recovery: max |fitted − true| = ${worst.toFixed(4)} over ${Object.keys(P).length * K} entries`,
    );
  });
});

describe("neural-lm parameter errors name the parameter and the value", () => {
  it.each([
    [{ dim: 0 }, "dim", "0"],
    [{ hidden: 2.5 }, "hidden", "2.5"],
    [{ context: 17 }, "context", "17"],
    [{ epochs: -1 }, "epochs", "-1"],
    [{ lr: 0 }, "lr", "0"],
    [{ lr: Number.NaN }, "lr", "NaN"],
    [{ init: "warm" as never }, "init", '"warm"'],
  ])("%o", (constraints, name, shown) => {
    expect(() => neuralLmConfig(constraints)).toThrow(InvalidParameterError);
    expect(() => neuralLmConfig(constraints)).toThrow(
      new RegExp(`${name} .*got ${shown.replace(".", "\\.")}`),
    );
  });

  it("in specs, and for an empty training set", () => {
    expect(() => familyFromSpec("neural-lm:dim=0")).toThrow(/dim.*0/);
    expect(() => familyFromSpec("neural-lm:init=warm")).toThrow(/init.*warm/);
    expect(() => fitNeuralLm(seq([], 5, []), {}, derive(15, "empty"))).toThrow(/data size/);
  });
});
