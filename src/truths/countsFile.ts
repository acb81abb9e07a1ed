import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { categoricalEntropy, categoricalModel } from "../model/categorical.ts";
import { parseDecimal } from "../util/parseDecimal.ts";
import { InvalidParameterError } from "../util/validate.ts";
import { statTextFile } from "./text.ts";
import { modelTruth, type Truth } from "./truth.ts";

/**
 * A categorical truth read from a file of counts: p_i = c_i / Σc, one symbol per line in file
 * order. A line is a count (`1234`) or a label and a count separated by whitespace or a tab
 * (`the 69971`: the count is the last field), as word-frequency lists are written; blank lines
 * and lines starting with `#` are skipped. For laws too large for a command line (a 500 k-word
 * unigram distribution). The file must be a regular file under the text size limit
 * (COLLAPSE_MAX_TEXT_BYTES); counts are non-negative decimals with at least one positive.
 */
export function countsTruth(file: string): Truth {
  const api = "counts";
  if (typeof file !== "string" || file.trim() === "") {
    throw new InvalidParameterError(api, "file", "must be a non-empty path", file);
  }
  const path = resolve(file);
  let text: string;
  try {
    statTextFile(api, path);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof InvalidParameterError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InvalidParameterError(api, "file", `must be a readable file (${code})`, path);
  }
  const counts: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    const c = parseDecimal(fields[fields.length - 1]);
    if (c === undefined || c < 0) {
      throw new InvalidParameterError(
        api,
        `file line ${i + 1}`,
        `must end in a non-negative decimal count (${path})`,
        line,
      );
    }
    counts.push(c);
  }
  let total = 0;
  for (const c of counts) total += c;
  if (!(total > 0 && Number.isFinite(total))) {
    throw new InvalidParameterError(
      api,
      "file",
      "must hold at least one positive count (and a finite total)",
      path,
    );
  }
  const model = categoricalModel(counts.map((c) => c / total));
  return {
    ...modelTruth("counts", { file: path, k: counts.length }, model, {
      entropy: categoricalEntropy(model.p),
    }),
    // The content digest makes a report say which counts it ran, whatever the path holds later.
    source: `${path} (${counts.length} symbols, ${total} counts, sha256 ${digest(text)})`,
  };
}

function digest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
