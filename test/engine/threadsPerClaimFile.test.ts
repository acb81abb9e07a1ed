/**
 * `collapse verify`, `calibrate` and the preset's reporter give each concurrent claim file its
 * share of the cores (COLLAPSE_THREADS in the test workers): one file alone gets every core, a
 * catalog one thread per file. Deterministic.
 */
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import { threadsPerClaimFile } from "../../src/chain/runChainsThreaded.ts";
import globalSetup from "../../src/claims/vitestGlobalSetup.ts";
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

  it("the preset's ThreadShareReporter sets COLLAPSE_THREADS per run and removes it at the end, unless it was set before", () => {
    const cores = availableParallelism();
    delete process.env.COLLAPSE_THREADS;
    const reporter = new ThreadShareReporter();
    reporter.onInit({ config: { maxWorkers: cores } } as unknown as Vitest);
    reporter.onTestRunStart(specs(1));
    expect(process.env.COLLAPSE_THREADS).toBe(String(cores));
    reporter.onTestRunStart(specs(66));
    expect(process.env.COLLAPSE_THREADS).toBe("1");
    // The run's end removes what the reporter set: a later run in this process is not "user-set".
    reporter.onTestRunEnd();
    expect(process.env.COLLAPSE_THREADS).toBeUndefined();
    const later = new ThreadShareReporter();
    later.onInit({ config: { maxWorkers: cores } } as unknown as Vitest);
    later.onTestRunStart(specs(1));
    expect(process.env.COLLAPSE_THREADS).toBe(String(cores));
    later.onTestRunEnd();
    process.env.COLLAPSE_THREADS = "3";
    const userSet = new ThreadShareReporter();
    userSet.onInit({ config: { maxWorkers: cores } } as unknown as Vitest);
    userSet.onTestRunStart(specs(66));
    expect(process.env.COLLAPSE_THREADS).toBe("3");
    userSet.onTestRunEnd();
    expect(process.env.COLLAPSE_THREADS).toBe("3");
  });

  it("the preset's global setup sets COLLAPSE_SEED and COLLAPSE_THREADS; its teardown restores both", () => {
    const seed = process.env.COLLAPSE_SEED;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      process.env.COLLAPSE_SEED = "random";
      delete process.env.COLLAPSE_THREADS;
      const teardown = globalSetup();
      expect(process.env.COLLAPSE_SEED).toMatch(/^\d+$/);
      expect(Number(process.env.COLLAPSE_THREADS)).toBeGreaterThanOrEqual(1);
      expect(log.mock.calls[0]?.[0]).toContain(`root seed ${process.env.COLLAPSE_SEED}`);
      teardown();
      expect(process.env.COLLAPSE_SEED).toBe("random");
      expect(process.env.COLLAPSE_THREADS).toBeUndefined();
      // A value set before (user or reporter) is left as it was.
      process.env.COLLAPSE_THREADS = "3";
      delete process.env.COLLAPSE_SEED;
      const again = globalSetup();
      expect(process.env.COLLAPSE_THREADS).toBe("3");
      again();
      expect(process.env.COLLAPSE_THREADS).toBe("3");
      expect(process.env.COLLAPSE_SEED).toBeUndefined();
    } finally {
      log.mockRestore();
      if (seed === undefined) delete process.env.COLLAPSE_SEED;
      else process.env.COLLAPSE_SEED = seed;
    }
  });
});
