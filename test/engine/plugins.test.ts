/**
 * The plug-in API through the public entry point, as a user meets it: malformed definitions,
 * clashing names and misbehaving operations are named errors that name the plug-in and the
 * field; a registered plug-in is usable wherever a built-in is (spec strings, runChains,
 * help listings), with its parameters validated from its schema.
 */
import {
  configFromSpec,
  defineFamily,
  defineMetric,
  defineModelKind,
  defineRegime,
  defineTransform,
  defineTruth,
  familyFromSpec,
  InvalidParameterError,
  metricById,
  PluginError,
  regimeFromSpec,
  registeredPlugins,
  runChains,
  transformFromSpec,
  truthFromSpec,
} from "collapse-harness/engine";
import { describe, expect, it } from "vitest";
import { sameDefinition } from "../../src/util/registry.ts";

/** A point mass: the smallest model kind there is (sample only, plus mean and variance). */
interface PointModel {
  readonly kind: "test-point";
  readonly at: number;
}

defineModelKind<PointModel>({
  kind: "test-point",
  description: "the point mass at `at`",
  dataKind: "real",
  sample: (m, _stream, n) => ({ kind: "real", values: new Float64Array(n).fill(m.at) }),
  mean: (m) => m.at,
  variance: () => 0,
});

defineTruth({
  name: "test-point",
  description: "the point mass at `at`",
  params: { at: { type: "number", default: 0, min: -10, max: 10, description: "location" } },
  create: ({ at }): { model: PointModel } => ({ model: { kind: "test-point", at } }),
});

defineFamily({
  name: "test-point-fit",
  description: "the point mass at the sample mean",
  dataKind: "real",
  modelKind: "test-point",
  fit: (data): PointModel => ({
    kind: "test-point",
    at: data.values.reduce((a, b) => a + b, 0) / data.values.length,
  }),
});

/** Expects a PluginError whose message names the plug-in and the field. */
function expectPluginError(f: () => unknown, plugin: string, field: string): void {
  let caught: unknown;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a PluginError naming ${plugin} and ${field}`).toBeInstanceOf(
    PluginError,
  );
  const message = (caught as Error).message;
  expect(message).toContain(plugin);
  expect(message).toContain(field);
}

describe("plug-in registration: named errors naming the plug-in and the field", () => {
  it("a bad parameter schema", () => {
    const base = { description: "d", dataKind: "real", modelKind: "test-point", fit: () => ({}) };
    expectPluginError(
      () =>
        defineFamily({
          ...base,
          name: "bad-type",
          params: { k: { type: "float", description: "k" } },
        } as never), // untyped, as a JavaScript caller may write it
      'defineFamily "bad-type"',
      "params.k.type",
    );
    expectPluginError(
      () =>
        defineTruth({
          name: "no-doc",
          description: "d",
          params: { k: { type: "integer" } },
          create: () => ({ model: { kind: "test-point", at: 0 } }),
        } as never), // untyped, as a JavaScript caller may write it
      'defineTruth "no-doc"',
      "params.k.description",
    );
    expectPluginError(
      () =>
        defineRegime({
          name: "bad-default",
          description: "d",
          params: { share: { type: "number", min: 0, max: 1, default: 2, description: "share" } },
          start: () => ({ next: (synthetic) => synthetic(1) }),
        }),
      'defineRegime "bad-default"',
      "default",
    );
    expectPluginError(
      () => defineTransform({ name: "Bad Name", description: "d", requires: [], apply: (m) => m }),
      "defineTransform",
      "name",
    );
  });

  it("the same definition registered again (a module executed twice) keeps the first; a different one clashes", () => {
    // Two evaluations of one module's code: equal values, functions with the same source.
    const make = () => ({
      kind: "test-twice",
      description: "a kind defined by a module that runs twice",
      dataKind: "real" as const,
      sample: () => ({ kind: "real" as const, values: new Float64Array(0) }),
    });
    const first = defineModelKind(make());
    expect(defineModelKind(make())).toBe(first);
    const family = () => ({
      name: "test-twice-fit",
      description: "fits nothing",
      dataKind: "real" as const,
      modelKind: "test-twice",
      fit: () => ({ kind: "test-twice" }),
    });
    const registered = defineFamily(family());
    expect(defineFamily(family())).toBe(registered);
    // A different definition under the same name is still a clash: other code, or other text.
    expectPluginError(
      () => defineFamily({ ...family(), fit: () => ({ kind: "test-twice", other: 1 }) }),
      'defineFamily "test-twice-fit"',
      "clashes with the registered family",
    );
    expectPluginError(
      () => defineModelKind({ ...make(), description: "another kind" }),
      'defineModelKind "test-twice"',
      "kind",
    );
    expect(sameDefinition({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toBe(true);
    expect(sameDefinition({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe(false);
    expect(sameDefinition({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });

  it("a name that clashes with a built-in or an earlier plug-in", () => {
    expectPluginError(
      () =>
        defineTruth({
          name: "gaussian",
          description: "d",
          create: () => ({ model: { kind: "test-point", at: 0 } }),
        }),
      'defineTruth "gaussian"',
      "clashes with the built-in truth",
    );
    expectPluginError(
      () =>
        defineFamily({
          name: "test-point-fit",
          description: "d",
          dataKind: "real",
          modelKind: "test-point",
          fit: (): PointModel => ({ kind: "test-point", at: 0 }),
        }),
      'defineFamily "test-point-fit"',
      "clashes with the registered family",
    );
    expectPluginError(
      () =>
        defineModelKind({
          kind: "gaussian",
          description: "d",
          dataKind: "real",
          sample: () => ({ kind: "real", values: new Float64Array(0) }),
        }),
      'defineModelKind "gaussian"',
      "kind",
    );
  });

  it("a family whose data kind fits no truth, or differs from what its models sample", () => {
    expectPluginError(
      () =>
        defineFamily({
          name: "images",
          description: "d",
          dataKind: "images",
          modelKind: "test-point",
          fit: () => ({}),
        } as never), // untyped, as a JavaScript caller may write it
      'defineFamily "images"',
      "dataKind",
    );
    expectPluginError(
      () =>
        defineFamily({
          name: "vector-points",
          description: "d",
          dataKind: "vector",
          modelKind: "test-point",
          fit: (): PointModel => ({ kind: "test-point", at: 0 }),
        }),
      'defineFamily "vector-points"',
      "dataKind",
    );
    expectPluginError(
      () =>
        defineFamily({
          name: "no-kind",
          description: "d",
          dataKind: "real",
          modelKind: "not-registered",
          fit: () => ({ kind: "not-registered" }),
        }),
      'defineFamily "no-kind"',
      "modelKind",
    );
    expectPluginError(
      () =>
        defineFamily({
          name: "bad-size",
          description: "d",
          dataKind: "real",
          modelKind: "test-point",
          fit: (): PointModel => ({ kind: "test-point", at: 0 }),
          modelSize: 3,
        } as never),
      'defineFamily "bad-size"',
      "modelSize",
    );
  });

  it("a family fitting further data kinds (alsoFits): named errors, and the truth picks the kind", () => {
    for (const [alsoFits, field] of [
      [{ real: "test-point" }, "alsoFits"],
      [{ images: "test-point" }, "alsoFits"],
      [{ vector: "not-registered" }, "alsoFits.vector"],
      [{ vector: "test-point" }, "alsoFits.vector"],
    ] as const) {
      expectPluginError(
        () =>
          defineFamily({
            name: "bad-also",
            description: "d",
            dataKind: "real",
            modelKind: "test-point",
            alsoFits: alsoFits as never,
            fit: (): PointModel => ({ kind: "test-point", at: 0 }),
          }),
        'defineFamily "bad-also"',
        field,
      );
    }
    defineFamily({
      name: "test-point-or-gaussian",
      description: "the point mass at the mean of real data, N(mean, cov) of vector data",
      dataKind: "real",
      modelKind: "test-point",
      alsoFits: { vector: "mv-gaussian" },
      fit: (data: { kind: string; values: Float64Array; dim?: number }) =>
        data.kind === "vector"
          ? { kind: "mv-gaussian", dim: 1, mean: Float64Array.of(0), cov: Float64Array.of(1) }
          : { kind: "test-point", at: data.values[0] },
    } as never);
    expect(familyFromSpec("test-point-or-gaussian").modelKind).toBe("test-point");
    expect(familyFromSpec("test-point-or-gaussian", "vector").modelKind).toBe("mv-gaussian");
    const spec = {
      family: "test-point-or-gaussian",
      regime: "replace",
      samples: 5,
      generations: 2,
      chains: 1,
      seed: 1,
      metrics: ["variance"],
    };
    expect(
      runChains(configFromSpec({ ...spec, truth: "mv-gaussian:dim=1" })).values.variance[2],
    ).toBe(1);
    expect(
      runChains(configFromSpec({ ...spec, truth: "test-point:at=3" })).values.variance[2],
    ).toBe(0);
    expect(() => runChains(configFromSpec({ ...spec, truth: "zipf:k=3,s=1" }))).toThrow(
      /family fits real or vector data but truth "zipf" gives categorical data \(incompatible pair\)/,
    );
  });

  it("an operation table with a misspelled or non-function operation", () => {
    expectPluginError(
      () =>
        defineModelKind({
          kind: "typo-kind",
          description: "d",
          dataKind: "real",
          sample: () => ({ kind: "real", values: new Float64Array(0) }),
          varience: () => 1,
        } as never), // untyped, as a JavaScript caller may write it
      'defineModelKind "typo-kind"',
      "varience",
    );
  });

  it("a metric or transform requiring an operation that does not exist", () => {
    expectPluginError(
      () =>
        defineMetric({
          name: "bad-metric",
          description: "d",
          requires: ["median"],
          compute: () => 0,
        } as never), // untyped, as a JavaScript caller may write it
      'defineMetric "bad-metric"',
      "requires",
    );
    expectPluginError(
      () =>
        defineMetric({
          name: "bad-cost",
          description: "d",
          compute: () => 0,
          cost: 5,
        } as never),
      'defineMetric "bad-cost"',
      "cost",
    );
    expectPluginError(
      () =>
        defineTransform({
          name: "both",
          description: "d",
          requires: [],
          apply: (m) => m,
          filter: { fraction: () => 1, keep: (_m, d) => d },
        }),
      'defineTransform "both"',
      "apply",
    );
    expectPluginError(
      () =>
        defineTransform({
          name: "apply-and-sample",
          description: "d",
          requires: [],
          apply: (m) => m,
          sample: (draw, n) => draw(n),
        }),
      'defineTransform "apply-and-sample"',
      "apply",
    );
    expectPluginError(
      () =>
        defineTransform({
          name: "bad-kinds",
          description: "d",
          requires: [],
          dataKinds: ["pixels"],
          sample: (draw: (count: number) => unknown, n: number) => draw(n),
        } as never),
      'defineTransform "bad-kinds"',
      "dataKinds",
    );
  });

  it("a sample-level transform draws through its procedure; a wrong count is a PluginError", () => {
    // Keeps the larger of two draws: the kept law of max(X₁, X₂) for X ~ the point mass is itself.
    defineTransform({
      name: "test-max-of-two",
      description: "keep the larger of two draws",
      requires: [],
      dataKinds: ["real"],
      sample: (draw, n) => {
        const d = draw(2 * n);
        if (d.kind !== "real") throw new Error("real data expected");
        const values = Float64Array.from({ length: n }, (_, i) =>
          Math.max(d.values[2 * i], d.values[2 * i + 1]),
        );
        return { kind: "real", values };
      },
    });
    defineTransform({
      name: "test-short",
      description: "returns one sample too few",
      requires: [],
      sample: (draw, n) => draw(Math.max(0, n - 1)),
    });
    const spec = {
      truth: "test-point:at=2",
      family: "test-point-fit",
      regime: "replace",
      samples: 5,
      generations: 2,
      chains: 1,
      seed: 1,
      metrics: [],
    };
    const at = { at: (m: unknown) => (m as PointModel).at };
    const r = runChains({
      ...configFromSpec({ ...spec, transforms: ["test-max-of-two"] }),
      observe: at,
    });
    expect(Array.from(r.values.at)).toEqual([2, 2, 2]);
    expect(() => runChains(configFromSpec({ ...spec, transforms: ["test-short"] }))).toThrow(
      /transform "test-short": sample\(\) must return exactly the 5 samples asked for, got 4/,
    );
  });
});

describe("plug-ins at run time", () => {
  it("an operation that returns NaN is a PluginError naming the model kind and the operation", () => {
    interface Broken {
      readonly kind: "test-broken";
    }
    defineModelKind<Broken>({
      kind: "test-broken",
      description: "variance is NaN",
      dataKind: "real",
      sample: (_m, _s, n) => ({ kind: "real", values: new Float64Array(n) }),
      variance: () => Number.NaN,
    });
    defineFamily({
      name: "test-broken-fit",
      description: "always the broken model",
      dataKind: "real",
      modelKind: "test-broken",
      fit: (): Broken => ({ kind: "test-broken" }),
    });
    const config = configFromSpec({
      truth: "test-point:at=1",
      family: "test-broken-fit",
      regime: "replace",
      samples: 5,
      generations: 1,
      chains: 1,
      seed: 1,
      metrics: ["variance"],
    });
    expectPluginError(() => runChains(config), "test-broken", "variance");
  });

  it("a fit that returns another model kind than declared is a PluginError naming the family", () => {
    defineFamily({
      name: "test-wrong-kind",
      description: "declares test-point, returns a Gaussian",
      dataKind: "real",
      modelKind: "test-point",
      fit: () => ({ kind: "gaussian", mean: 0, variance: 1 }) as unknown as PointModel,
    });
    const config = configFromSpec({
      truth: "test-point",
      family: "test-wrong-kind",
      regime: "replace",
      samples: 5,
      generations: 2,
      chains: 1,
      seed: 1,
      metrics: [],
    });
    expectPluginError(() => runChains(config), "test-wrong-kind", "kind");
  });

  it("parameters are validated from the schema exactly like a built-in's", () => {
    expect(() => truthFromSpec("test-point:at=11")).toThrow(InvalidParameterError);
    expect(() => truthFromSpec("test-point:at=11")).toThrow(
      /truth "test-point": at must be a finite number >= -10 and <= 10 \(location\), got 11/,
    );
    expect(() => truthFromSpec("test-point:at=abc")).toThrow(/at .*got "abc"/);
    expect(() => truthFromSpec("test-point:where=1")).toThrow(
      /parameter must be one of: at, got "where"/,
    );
    expect(() => familyFromSpec("no-such-family")).toThrow(
      /family: name must be one of: .*test-point-fit/,
    );
    expect(truthFromSpec("test-point").params).toEqual({ at: 0 });
  });

  it("a registered name works in spec strings, chains and listings like a built-in's", () => {
    const result = runChains(
      configFromSpec({
        truth: "test-point:at=3",
        family: "test-point-fit",
        regime: "accumulate",
        samples: 4,
        generations: 3,
        chains: 2,
        seed: 7,
        metrics: ["mean-error", "variance"],
      }),
    );
    // A point mass refits to itself: no error, no spread, whatever the regime.
    expect(Array.from(result.values["mean-error"])).toEqual(new Array(8).fill(0));
    expect(metricById("variance").supports("test-point")).toBe(true);
    expect(metricById("entropy").supports("test-point")).toBe(false);
    // nll scores the model on the truth's draws: any real truth will do, its own value aside.
    expect(metricById("nll").supports("test-point")).toBe(false);
    expect(metricById("nll").supportsTruth("test-point")).toBe(true);
    expectPluginError(
      () =>
        defineMetric({
          name: "bad-truth-rule",
          description: "d",
          supportsTruth: true as never,
          compute: () => 0,
        }),
      'defineMetric "bad-truth-rule"',
      "supportsTruth",
    );
    expect(registeredPlugins().families.map((f) => f.name)).toContain("test-point-fit");
    expect(regimeFromSpec("fresh:lambda=1")).toEqual({ kind: "fresh", lambda: 1 });
    expect(transformFromSpec("temperature:tau=0.5")).toEqual({ kind: "temperature", tau: 0.5 });
  });
});
