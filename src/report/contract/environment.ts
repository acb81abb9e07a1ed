/** What a report records about the machine and checkout that produced it. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { arch, cpus, hostname, type as osType, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { PRNG_ALGORITHM } from "../../rng/index.ts";
import type { ReportEnvironment, ReportRun } from "./schema.ts";

function osName(): string {
  let pretty = "";
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (m) pretty = ` (${m[1]})`;
  } catch {
    // No /etc/os-release (not Linux): the kernel name and release say enough.
  }
  return `${osType()} ${release()} ${arch()}${pretty}`;
}

function cpuName(): string {
  const list = cpus();
  return list.length > 0 ? `${list[0].model.trim()} × ${list.length}` : `unknown (${arch()})`;
}

/** Direct dependencies of the project with the versions package-lock.json pins. */
export function lockfilePackages(root: string): {
  packages: Record<string, string>;
  lockfile: string | null;
} {
  const lockPath = join(root, "package-lock.json");
  const pkgPath = join(root, "package.json");
  if (!existsSync(lockPath) || !existsSync(pkgPath)) return { packages: {}, lockfile: null };
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(lockPath, "utf8")) as {
    packages?: Record<string, { version?: string }>;
  };
  const names = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.devDependencies ?? {}),
  ].sort();
  const packages: Record<string, string> = {};
  for (const name of names) {
    packages[name] = lock.packages?.[`node_modules/${name}`]?.version ?? "not in lockfile";
  }
  return { packages, lockfile: "package-lock.json" };
}

/** The checkout's commit and whether the work tree differs from it. */
export function gitState(root: string): ReportEnvironment["git"] {
  const git = (...args: string[]) =>
    spawnSync("git", args, { cwd: root, encoding: "utf8", timeout: 10_000 });
  const head = git("rev-parse", "HEAD");
  if (head.error !== undefined || head.status !== 0) {
    const why = head.error?.message ?? head.stderr.trim().split("\n")[0] ?? "git failed";
    return { commit: null, dirty: null, note: `no git commit: ${why}` };
  }
  const status = git("status", "--porcelain", "--untracked-files=no");
  if (status.status !== 0) {
    return { commit: head.stdout.trim(), dirty: null, note: "git status failed" };
  }
  const dirty = status.stdout.trim() !== "";
  return {
    commit: head.stdout.trim(),
    dirty,
    note: dirty ? "tracked files differ from the commit" : "clean work tree",
  };
}

/** The environment section of a run. */
export function environment(root: string, rootSeed: number): ReportEnvironment {
  const { packages, lockfile } = lockfilePackages(root);
  return {
    node: process.version,
    os: osName(),
    cpu: cpuName(),
    packages,
    lockfile,
    git: gitState(root),
    rootSeed,
    prngAlgorithm: PRNG_ALGORITHM,
  };
}

/** The host part of a run. */
export function host(): ReportRun["host"] {
  return {
    hostname: hostname(),
    platform: platform(),
    release: release(),
    arch: arch(),
    cpus: cpus().length,
    memoryBytes: totalmem(),
  };
}
