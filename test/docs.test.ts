import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/theory.md is the project's theory source. A citation is the path, `#` and an anchor, as
 * plain text (in comments, claim blocks and Markdown links); each cited anchor must be an
 * `<a id="…"></a>` in the document, every claim file must cite one, and nothing may cite the
 * theory notes that lived outside the repository (their path and file name are built from parts
 * below, so this file does not mention them either).
 */
const ROOT = new URL("..", import.meta.url).pathname;
const THEORY = "docs/theory.md";
const SCANNED_DIRS = ["src", "properties", "test", "bench", "bin", "docs"];
const SCANNED_FILES = ["README.md"];
const TEXT_FILE = /\.(ts|js|mjs|cjs|md|py|json)$/;

/** Old citation targets: the out-of-tree notes' directory and file name. */
const FORBIDDEN = [
  ["..", "shared", ""].join("/"),
  ["shared", "research"].join("/"),
  ["claims", "md"].join("."),
];

interface SourceFile {
  readonly path: string;
  readonly text: string;
}

interface Finding {
  readonly where: string;
  readonly problem: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Dot folders are scratch (e.g. properties/.tmp-* written by the report tests).
    if (statSync(path).isDirectory()) return name.startsWith(".") ? [] : walk(path);
    return TEXT_FILE.test(name) ? [path] : [];
  });
}

function read(path: string): SourceFile {
  return { path: relative(ROOT, path), text: readFileSync(path, "utf8") };
}

function projectFiles(): SourceFile[] {
  const paths = [
    ...SCANNED_DIRS.flatMap((d) => walk(join(ROOT, d))),
    ...SCANNED_FILES.map((f) => join(ROOT, f)),
  ];
  return paths.map(read);
}

/** The ids of the `<a id="…"></a>` anchors of a Markdown document, with any duplicates. */
function anchorsOf(markdown: string): { ids: Set<string>; duplicates: string[] } {
  const ids = new Set<string>();
  const duplicates: string[] = [];
  for (const m of markdown.matchAll(/<a id="([^"]*)"><\/a>/g)) {
    if (ids.has(m[1])) duplicates.push(m[1]);
    ids.add(m[1]);
  }
  return { ids, duplicates };
}

/** Every citation of docs/theory.md in a file: anchor and 1-based line (an empty anchor counts). */
function citationsIn(file: SourceFile): { line: number; anchor: string }[] {
  return file.text.split("\n").flatMap((text, i) =>
    [...text.matchAll(/docs\/theory\.md#([A-Za-z0-9_-]*)/g)].map((m) => ({
      line: i + 1,
      anchor: m[1],
    })),
  );
}

/** Citations whose anchor is not in `ids`, as "file:line" and the missing anchor. */
function brokenCitations(files: readonly SourceFile[], ids: Set<string>): Finding[] {
  return files.flatMap((f) =>
    citationsIn(f)
      .filter((c) => !ids.has(c.anchor))
      .map((c) => ({ where: `${f.path}:${c.line}`, problem: `missing anchor #${c.anchor}` })),
  );
}

/** Lines that mention one of the forbidden strings, as "file:line" and the string. */
function forbiddenMentions(files: readonly SourceFile[]): Finding[] {
  return files.flatMap((f) =>
    f.text.split("\n").flatMap((text, i) =>
      FORBIDDEN.filter((s) => text.includes(s)).map((s) => ({
        where: `${f.path}:${i + 1}`,
        problem: `mentions "${s}" (cite ${THEORY}#anchor instead)`,
      })),
    ),
  );
}

const theory = readFileSync(join(ROOT, THEORY), "utf8");
const { ids, duplicates } = anchorsOf(theory);
const files = projectFiles();

describe(`${THEORY}: citations resolve`, () => {
  it("has anchors, each defined once", () => {
    expect(ids.size, "no <a id> anchors found").toBeGreaterThan(0);
    expect(duplicates, "anchors defined more than once").toEqual([]);
  });

  it("every anchor cited in src/, properties/, test/, bench/, bin/, docs/, README.md exists", () => {
    const cited = files.flatMap(citationsIn);
    expect(cited.length, "no citations found: the scan is not reading the project").toBeGreaterThan(
      20,
    );
    expect(brokenCitations(files, ids)).toEqual([]);
  });

  it("every claim file in properties/ (negative/ included) cites an anchor", () => {
    const claims = files.filter((f) => /^properties\/.*\.test\.ts$/.test(f.path));
    expect(claims.length, "no claim files found").toBeGreaterThan(10);
    const uncited = claims.filter((f) => citationsIn(f).length === 0).map((f) => f.path);
    expect(uncited, "claim files citing no docs/theory.md anchor").toEqual([]);
  });

  it("no file cites the out-of-tree notes", () => {
    expect(forbiddenMentions(files)).toEqual([]);
  });

  it("the document's own #links and the claim files it names exist", () => {
    const findings: Finding[] = [];
    theory.split("\n").forEach((text, i) => {
      for (const m of text.matchAll(/\]\(#([^)]*)\)/g)) {
        if (!ids.has(m[1])) {
          findings.push({ where: `${THEORY}:${i + 1}`, problem: `missing anchor #${m[1]}` });
        }
      }
      for (const m of text.matchAll(/`((?:properties|test)\/[^`]+\.ts)`/g)) {
        if (!existsSync(join(ROOT, m[1]))) {
          findings.push({ where: `${THEORY}:${i + 1}`, problem: `no such file ${m[1]}` });
        }
      }
    });
    expect(findings).toEqual([]);
  });
});

describe("the checks above can fail", () => {
  const planted: SourceFile[] = [
    { path: "planted.ts", text: `// ok: ${THEORY}#notation\n// bad: ${THEORY}#no-such-anchor` },
    { path: "empty.ts", text: `see ${THEORY}# for details` },
    { path: "old.ts", text: `// Citation: ${FORBIDDEN[0]}research/${FORBIDDEN[2]} §1` },
  ];

  it("a broken or empty anchor is reported with file:line", () => {
    expect(brokenCitations(planted, ids)).toEqual([
      { where: "planted.ts:2", problem: "missing anchor #no-such-anchor" },
      { where: "empty.ts:1", problem: "missing anchor #" },
    ]);
  });

  it("an old citation is reported", () => {
    expect(forbiddenMentions(planted).map((f) => f.where)).toEqual([
      "old.ts:1",
      "old.ts:1",
      "old.ts:1",
    ]);
  });

  it("a duplicate anchor is reported", () => {
    expect(anchorsOf('<a id="x"></a> <a id="y"></a> <a id="x"></a>').duplicates).toEqual(["x"]);
  });
});
