/**
 * Named errors of the report commands. The CLI prints `collapse: <name>: <message>` and exits
 * with {@link ReportError.exitCode} (2), distinct from the exit code 1 of a failed claim.
 */
export class ReportError extends Error {
  readonly exitCode: number = 2;

  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** A claim id that no property file defines. */
export class UnknownClaimError extends ReportError {
  readonly id: string;

  constructor(id: string, known: readonly string[]) {
    super(
      "UnknownClaimError",
      `no claim has id ${JSON.stringify(id)}; known claims: ${known.length > 0 ? known.join(", ") : "(none)"}`,
    );
    this.id = id;
  }
}

/** Two property files define the same claim id. */
export class DuplicateClaimError extends ReportError {
  constructor(id: string, files: readonly string[]) {
    super(
      "DuplicateClaimError",
      `claim id ${JSON.stringify(id)} is defined in ${files.join(" and ")}`,
    );
  }
}

/** A report file that cannot be read, is not JSON, or does not match the schema. */
export class MalformedReportError extends ReportError {
  readonly file: string;

  constructor(file: string, detail: string) {
    super("MalformedReportError", `${file}: ${detail}`);
    this.file = file;
  }
}

/** A report file of another schema version than this harness writes. */
export class ReportVersionError extends ReportError {
  readonly file: string;

  constructor(file: string, found: unknown, expected: number) {
    super(
      "ReportVersionError",
      `${file}: report schema version ${JSON.stringify(found)} is not supported (this harness reads version ${expected})`,
    );
    this.file = file;
  }
}

/** An output folder that cannot be created or written. */
export class UnwritableOutputError extends ReportError {
  readonly folder: string;

  constructor(folder: string, cause: string) {
    super("UnwritableOutputError", `cannot write reports to ${folder}: ${cause}`);
    this.folder = folder;
  }
}

/** A command that needs a seed was given none. */
export class MissingSeedError extends ReportError {
  constructor(what: string) {
    super("MissingSeedError", what);
  }
}

/** A replay without the fast-check path of the counterexample. */
export class MissingPathError extends ReportError {
  constructor(what: string) {
    super("MissingPathError", what);
  }
}

/** Blob reports (shards) that ran under different root seeds. */
export class SeedMismatchError extends ReportError {
  constructor(seeds: readonly number[]) {
    super(
      "SeedMismatchError",
      `the runs being merged used different root seeds (${seeds.join(", ")}); shards of one run share COLLAPSE_SEED`,
    );
  }
}

/** A claim file argument or shard folder that does not exist or holds nothing to run. */
export class NoClaimFilesError extends ReportError {
  constructor(detail: string) {
    super("NoClaimFilesError", detail);
  }
}

/** A claim file that fails to load (a syntax error, a claim definition error…). */
export class ClaimFileError extends ReportError {
  constructor(file: string, cause: unknown) {
    const e = cause as { name?: unknown; message?: unknown };
    const name = typeof e?.name === "string" && e.name !== "Error" ? `${e.name}: ` : "";
    super("ClaimFileError", `${file} failed to load: ${name}${String(e?.message ?? cause)}`);
  }
}

/** Data a claim put in its report meta (trajectories, matrix) that does not fit the schema. */
export class InvalidClaimMetaError extends ReportError {
  constructor(claim: string, detail: string) {
    super("InvalidClaimMetaError", `${claim}: ${detail}`);
  }
}

/** `collapse new` with a bad name or an existing file. */
export class ScaffoldError extends ReportError {
  constructor(detail: string) {
    super("ScaffoldError", detail);
  }
}

/**
 * A report names a claim file that is not a claim file of the project's claims folder (or of the
 * bundled suite) once links are followed: it is never run.
 */
export class ForeignClaimFileError extends ReportError {
  constructor(file: string, reason: string) {
    super("ForeignClaimFileError", `refusing to run ${file}: ${reason}`);
  }
}

/** Another run holds the output folder's lock (two runs writing one report folder). */
export class ReportFolderBusyError extends ReportError {
  readonly folder: string;

  constructor(folder: string, holder: string) {
    super(
      "ReportFolderBusyError",
      `${folder} is being written by another run (${holder}); choose another --out or wait for it`,
    );
    this.folder = folder;
  }
}

/** The output folder holds files that are not a report: replacing it whole would delete them. */
export class ForeignFilesError extends ReportError {
  readonly folder: string;

  constructor(folder: string, files: readonly string[]) {
    super(
      "ForeignFilesError",
      `${folder} holds files that are not report files (${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}); a report replaces its folder whole, so --out must name an empty folder or an earlier report's`,
    );
    this.folder = folder;
  }
}

/** A calibration shard file that cannot be read, is not JSON, or does not match its schema. */
export class MalformedShardError extends ReportError {
  readonly file: string;

  constructor(file: string, detail: string) {
    super("MalformedShardError", `${file}: ${detail}`);
    this.file = file;
  }
}

/** Calibration shards that do not belong to one sweep (settings, claims or seeds differ). */
export class ShardMismatchError extends ReportError {
  constructor(detail: string) {
    super("ShardMismatchError", detail);
  }
}

/** A calibration merge that lacks shards of the sweep (or finds none at all). */
export class MissingShardError extends ReportError {
  constructor(detail: string) {
    super("MissingShardError", detail);
  }
}

/** A root seed that two calibration shards both ran for one claim. */
export class DuplicateSeedError extends ReportError {
  constructor(claim: string, seed: number, files: readonly string[]) {
    super(
      "DuplicateSeedError",
      `claim ${claim} ran root seed ${seed} in more than one shard (${files.join(", ")}): shards of one sweep run disjoint seeds`,
    );
  }
}
