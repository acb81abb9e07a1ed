/**
 * The vitest reporter behind `collapse verify` and `collapse report --merge`: it collects each
 * claim test's `task.meta.collapse` (the ClaimReport verifyClaim stores: verdicts, evidence,
 * scenarios, counterexample), its state, errors and duration, and the files that failed to
 * load. Nothing here depends on scheduling: the body is built from the collected data sorted by
 * claim id (see buildBody). Exported by `collapse-harness/vitest`; with `outputFile` it writes
 * the collected run as JSON at the end of a plain `vitest run`.
 */
import { writeFileSync } from "node:fs";
import { dirname, posix, resolve, sep } from "node:path";
import type cliProgress from "cli-progress";
import type { Reporter, TestCase, TestModule, TestSpecification, Vitest } from "vitest/node";
import { makeFolder } from "../../util/makeFolder.ts";

/** One test as the reporter saw it. */
export interface CollectedTest {
  /** Property file relative to the project root, POSIX separators. */
  readonly file: string;
  /** The test's name (`<claim id>: <title>` for claims). */
  readonly name: string;
  readonly state: "passed" | "failed" | "skipped" | "pending";
  /** `task.meta.collapse`, as stored (JSON-safe), or undefined if the test stored none. */
  readonly meta: unknown;
  /** Error messages (no stacks). */
  readonly errors: readonly string[];
  readonly durationMs: number;
}

/** A test file that failed outside its tests (syntax error, a claim definition error…). */
export interface CollectedModuleError {
  readonly file: string;
  readonly message: string;
}

/** Everything a run produced for the report. */
export interface CollectedRun {
  readonly files: readonly string[];
  readonly tests: readonly CollectedTest[];
  readonly moduleErrors: readonly CollectedModuleError[];
  /** Errors vitest saw outside any test file. */
  readonly unhandledErrors: readonly string[];
}

/** Options of {@link CollapseReporter}. */
export interface CollapseReporterOptions {
  /** Show a progress bar on stderr (only meaningful on a TTY, outside CI). @defaultValue false */
  readonly progress?: boolean;
  /**
   * Write the collected run ({@link CollectedRun}: each claim test's state, errors, duration
   * and `task.meta.collapse` evidence) to this JSON file when the run ends, relative to the
   * vitest root. @defaultValue undefined (nothing written)
   */
  readonly outputFile?: string;
}

function posixPath(p: string): string {
  return p.split(sep).join(posix.sep);
}

function message(e: { message?: unknown; name?: unknown }, root: string): string {
  const name =
    typeof e.name === "string" && e.name !== "" && e.name !== "Error" ? `${e.name}: ` : "";
  const text = typeof e.message === "string" ? e.message : String(e.message);
  // Absolute paths of this checkout would make the body machine-dependent.
  return `${name}${root === "" ? text : text.split(root).join(".")}`;
}

/** Collects claim results from a vitest run (or a blob merge). */
export class CollapseReporter implements Reporter {
  readonly #progress: boolean;
  readonly #outputFile: string | undefined;
  #root = "";
  #cliProgress: typeof cliProgress | undefined;
  #bar: cliProgress.SingleBar | undefined;
  #total = 0;
  #done = 0;
  #tests = 0;
  #result: CollectedRun | undefined;

  constructor(options: CollapseReporterOptions = {}) {
    this.#progress = options.progress ?? false;
    this.#outputFile = options.outputFile;
  }

  async onInit(vitest: Vitest): Promise<void> {
    this.#root = vitest.config.root;
    // Loaded only for a bar: most runs (CI, pipes) never draw one.
    if (this.#progress) this.#cliProgress = (await import("cli-progress")).default;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.#total = specifications.length;
  }

  /** The bar starts with the first file collected (after vitest's global setup has printed). */
  onTestModuleCollected(_testModule: TestModule): void {
    const bars = this.#cliProgress;
    if (bars === undefined || this.#bar !== undefined) return;
    this.#bar = new bars.SingleBar(
      {
        format: "claim files {bar} {value}/{total} | {tests} claim tests done | {last}",
        stream: process.stderr,
        hideCursor: true,
      },
      bars.Presets.shades_classic,
    );
    this.#bar.start(Math.max(1, this.#total), 0, { tests: 0, last: "" });
  }

  onTestCaseResult(testCase: TestCase): void {
    this.#tests++;
    this.#bar?.update({
      tests: this.#tests,
      last: `${testCase.name.split(":")[0]} ${testCase.result().state}`,
    });
  }

  onTestModuleEnd(_testModule: TestModule): void {
    this.#done++;
    this.#bar?.update(this.#done);
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: unknown; name?: unknown }>,
  ): void {
    this.#bar?.stop();
    const root = this.#root;
    const files: string[] = [];
    const tests: CollectedTest[] = [];
    const moduleErrors: CollectedModuleError[] = [];
    for (const m of testModules) {
      const file = posixPath(m.relativeModuleId);
      files.push(file);
      for (const e of m.errors()) moduleErrors.push({ file, message: message(e, root) });
      for (const t of m.children.allTests()) {
        const r = t.result();
        const meta = t.meta().collapse;
        const metaDuration =
          meta !== null && typeof meta === "object" && "durationMs" in meta
            ? Number(meta.durationMs)
            : Number.NaN;
        tests.push({
          file,
          name: t.name,
          state: r.state,
          meta,
          errors: (r.errors ?? []).map((e) => message(e, root)),
          durationMs: Number.isFinite(metaDuration)
            ? metaDuration
            : (t.diagnostic()?.duration ?? 0),
        });
      }
    }
    this.#result = {
      files: [...new Set(files)].sort(),
      tests,
      moduleErrors,
      unhandledErrors: unhandledErrors.map((e) => message(e, root)),
    };
    if (this.#outputFile !== undefined) {
      const file = resolve(root, this.#outputFile);
      makeFolder(dirname(file));
      writeFileSync(file, `${JSON.stringify(this.#result, null, 2)}\n`);
    }
  }

  /** The collected run; throws if the run has not ended. */
  result(): CollectedRun {
    if (this.#result === undefined) {
      throw new Error("CollapseReporter: the test run has not ended (no results collected)");
    }
    return this.#result;
  }
}
