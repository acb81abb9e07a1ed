/**
 * `collapse verify`, `calibrate` and the preset's reporter give each concurrent claim file its
 * share of the cores (COLLAPSE_THREADS in the test workers): one file alone gets every core, a
 * catalog one thread per file. Deterministic.
 */
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import { threadsPerClaimFile } from "../../src/chain/runChainsThreaded.ts";
import { ThreadShareReporter } from "../../src/report/vitest/threadShareReporter.ts";

const runThreads = process.env.COLLAPSE_THREADS;
afterEach(() => {
  if (runThreads === undefined) delete process.env.COLLAPSE_THREADS;
  else process.env.COLLAPSE_THREADS = runThreads;
});

/** A run of n files, as the reporter sees it (it reads only the count). */
const specs = (n: number) => Array.from({ length: n }) as unknown as TestSpecification[];

describe("threadsPerClaimFile", () => {
  it("divides the cores among the files that run at once", () => {
    // [cores, workers, files, threads]
    const cases: [number, number | undefined, number, number][] = [
      [2, undefined, 1, 2], // one claim: both cores
      [2, undefined, 66, 1], // the catalog: a file per core, one thread each
      [2, 1, 66, 2], // one vitest worker (a calibration shard): every core for it
      [8, 2, 66, 4],
      [8, undefined, 3, 2], // 3 files on 8 cores: ⌊8/3⌋
      [2, 4, 66, 1], // more workers than cores: never below 1
      [4, undefined, 0, 4],
    ];
    for (const [cores, workers, files, threads] of cases) {
      expect(threadsPerClaimFile(cores, workers, files), `${cores} ${workers} ${files}`).toBe(
        threads,
      );
    }
  });

  it("the preset's ThreadShareReporter sets COLLAPSE_THREADS per run, unless it was set before", () => {
    const cores = availableParallelism();
    delete process.env.COLLAPSE_THREADS;
    const reporter = new ThreadShareReporter();
    reporter.onInit({ config: { maxWorkers: cores } } as unknown as Vitest);
    reporter.onTestRunStart(specs(1));
    expect(process.env.COLLAPSE_THREADS).toBe(String(cores));
    reporter.onTestRunStart(specs(66));
    expect(process.env.COLLAPSE_THREADS).toBe("1");
    process.env.COLLAPSE_THREADS = "3";
    const userSet = new ThreadShareReporter();
    userSet.onInit({ config: { maxWorkers: cores } } as unknown as Vitest);
    userSet.onTestRunStart(specs(66));
    expect(process.env.COLLAPSE_THREADS).toBe("3");
  });
});
