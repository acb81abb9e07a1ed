import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { derive, deriveSeed, PRNG_ALGORITHM, RandomStream } from "../../src/rng/index.ts";

describe("RandomStream", () => {
  it("is seedrandom's xor4096 word for word, and its state is seedrandom's state", () => {
    // The stream steps xor4096 on its own Int32Array ring (faster than seedrandom's closure over
    // a plain array); seedrandom seeds it and is the reference for every word and every state.
    for (const seed of ["a", "collapse-harness", "\u00e9t\u00e9 🜁", "x".repeat(300)]) {
      const ours = RandomStream.fromSeed(seed);
      const reference = seedrandom.xor4096(seed, { state: true });
      for (let block = 0; block < 50; block++) {
        for (let k = 0; k < 20_000; k++) {
          const want = reference.int32();
          const got = ours.nextInt32();
          if (got !== want) {
            throw new Error(
              `seed ${JSON.stringify(seed)}, word ${block * 20_000 + k}: expected ${want}, got ${got}`,
            );
          }
        }
        const { i, w, X } = reference.state();
        expect(ours.state()).toEqual({ algorithm: PRNG_ALGORITHM, i, w, X });
      }
      // And back: seedrandom resumes from our state, we resume from seedrandom's.
      const mine = ours.state();
      const fromOurs = seedrandom.xor4096("", { state: { i: mine.i, w: mine.w, X: [...mine.X] } });
      const fromTheirs = RandomStream.fromState({
        algorithm: PRNG_ALGORITHM,
        ...reference.state(),
      });
      for (let k = 0; k < 1000; k++) {
        const want = reference.int32();
        expect(ours.nextInt32()).toBe(want);
        expect(fromOurs.int32()).toBe(want);
        expect(fromTheirs.nextInt32()).toBe(want);
      }
    }
  });

  it("seeds exactly as seedrandom's xor4096 for any seed string (its init, ported)", () => {
    // Seeding runs seedrandom's string mixing and 512 warm-up steps on our own ring: the state
    // right after seeding, and the words after it, must be seedrandom's for every string — short,
    // longer than the 128-word ring, any UTF-16 code units — and for derive's 128-hex-digit seeds.
    const same = (seed: string) => {
      const reference = seedrandom.xor4096(seed, { state: true });
      const ours = RandomStream.fromSeed(seed);
      const { i, w, X } = reference.state();
      expect(ours.state(), JSON.stringify(seed)).toEqual({ algorithm: PRNG_ALGORITHM, i, w, X });
      for (let k = 0; k < 8; k++) expect(ours.nextInt32()).toBe(reference.int32());
    };
    fc.assert(fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 400 }), same), {
      numRuns: 300,
      seed: 20261207,
    });
    for (let chain = 0; chain < 50; chain++) same(deriveSeed(7, "claim", chain));
  });

  it("exports and restores its state exactly, also through JSON", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(2000), (root, skip) => {
        const s = derive(root, "state");
        for (let i = 0; i < skip; i++) s.nextUint32();
        const saved = JSON.parse(JSON.stringify(s.state()));
        const expected = Array.from({ length: 20 }, () => s.nextDouble());
        const resumed = RandomStream.fromState(saved);
        expect(Array.from({ length: 20 }, () => resumed.nextDouble())).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it("clone continues identically and independently of the original", () => {
    const s = derive(3, "clone");
    s.nextUint32();
    const c = s.clone();
    const fromClone = Array.from({ length: 10 }, () => c.nextUint32());
    const fromOriginal = Array.from({ length: 10 }, () => s.nextUint32());
    expect(fromClone).toEqual(fromOriginal);
    expect(s.state().algorithm).toBe(PRNG_ALGORITHM);
  });

  it("doubles lie in [0, 1), use all 53 bits, and fill forms equal single draws", () => {
    const s = derive(5, "doubles");
    const t = derive(5, "doubles");
    const filled = s.fillUniform(new Float64Array(10_000));
    let below32 = 0;
    for (let i = 0; i < filled.length; i++) {
      const u = filled[i];
      expect(u >= 0 && u < 1).toBe(true);
      expect(t.nextDouble()).toBe(u);
      // A 32-bit construction would make every u·2^32 an integer.
      if (Number.isInteger(u * 4294967296)) below32++;
    }
    // P(u·2^32 integer) = 2^-21 per draw for a 53-bit uniform: expect ~0 of 10^4.
    expect(below32).toBeLessThan(3);
    const w = derive(5, "words").fillUint32(new Uint32Array(1000));
    const w2 = derive(5, "words");
    for (let i = 0; i < w.length; i++) expect(w[i]).toBe(w2.nextUint32());
  });

  it("uniform doubles: bin counts pass a chi-square test", () => {
    // Seed derive(11, "chi2"); 1e6 draws into 100 equal bins. Under uniformity the statistic is
    // χ²(99); reject above 170.5, the 1 − 1e-6 quantile of χ²(99) (scipy.stats.chi2.isf(1e-6, 99)
    // = 170.47): false-alarm probability 1e-6.
    const s = derive(11, "chi2");
    const bins = new Float64Array(100);
    const n = 1_000_000;
    for (let i = 0; i < n; i++) bins[Math.floor(s.nextDouble() * 100)]++;
    const e = n / 100;
    let stat = 0;
    for (const o of bins) stat += ((o - e) * (o - e)) / e;
    expect(stat).toBeLessThan(170.47);
  });

  it("nextDoubleOpen never returns 0 and nextInt32 is the signed word", () => {
    const a = derive(9, "open");
    const b = derive(9, "open");
    for (let i = 0; i < 1000; i++) {
      expect(a.nextDoubleOpen()).toBeGreaterThan(0);
      b.nextDouble();
    }
    const c = derive(9, "int");
    const d = derive(9, "int");
    for (let i = 0; i < 1000; i++) expect(c.nextInt32() >>> 0).toBe(d.nextUint32());
  });

  it("rejects malformed seeds and states with named errors", () => {
    expect(() => RandomStream.fromSeed("")).toThrow(/RandomStream.fromSeed: seed .*got ""/);
    const good = derive(1).state();
    expect(() => RandomStream.fromState({ ...good, algorithm: "alea" as never })).toThrow(
      /RandomStream.fromState: state.algorithm .*got "alea"/,
    );
    expect(() => RandomStream.fromState({ ...good, i: 128 })).toThrow(/state.i .*got 128/);
    expect(() => RandomStream.fromState({ ...good, X: good.X.slice(1) })).toThrow(/state.X/);
    expect(() => RandomStream.fromState({ ...good, X: good.X.map(() => 0) })).toThrow(
      /must not be all zero/,
    );
    expect(() => RandomStream.fromState({ ...good, X: [Number.NaN, ...good.X.slice(1)] })).toThrow(
      /state.X\[0\] .*got NaN/,
    );
  });
});
