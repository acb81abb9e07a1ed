import { parseDecimal } from "./parseDecimal.ts";
import { InvalidParameterError } from "./validate.ts";

/**
 * Parameter schemas: every truth, family, regime, transform and metric — built-in or plug-in —
 * declares its parameters once, and the same schema parses spec strings
 * (`name:key=value,key=value`, list items separated by `/`), validates values (from specs or from
 * code), fills defaults and documents itself (`collapse simulate --help`, `collapse list`).
 */

/** One parameter's declaration. */
export type ParamDef = NumberParam | IntegerParam | ListParam | StringParam;

interface ParamBase {
  /** One line for help texts, e.g. `"pseudo-count added to every symbol"`. */
  readonly description: string;
  /** Required when there is no default. @defaultValue false */
  readonly required?: boolean;
}

export interface NumberParam extends ParamBase {
  readonly type: "number";
  readonly default?: number;
  /** Smallest valid value. @defaultValue −∞ */
  readonly min?: number;
  /** Largest valid value. @defaultValue +∞ */
  readonly max?: number;
  /** Whether `min` itself is excluded (e.g. a variance > 0). @defaultValue false */
  readonly exclusiveMin?: boolean;
  /** Whether `max` itself is excluded. @defaultValue false */
  readonly exclusiveMax?: boolean;
}

export interface IntegerParam extends ParamBase {
  readonly type: "integer";
  readonly default?: number;
  /** @defaultValue −(2^53 − 1) */
  readonly min?: number;
  /** @defaultValue 2^53 − 1 */
  readonly max?: number;
}

export interface ListParam extends ParamBase {
  readonly type: "list";
  readonly default?: readonly number[];
  /** Smallest valid item. @defaultValue −∞ */
  readonly min?: number;
  /** Whether `min` itself is excluded. @defaultValue false */
  readonly exclusiveMin?: boolean;
}

export interface StringParam extends ParamBase {
  readonly type: "string";
  readonly default?: string;
  /** The only valid values, when the parameter is a choice. */
  readonly choices?: readonly string[];
  /**
   * Extra check: returns why a value is invalid (`"must be a number > 0 or silverman"`), or
   * undefined when it is valid.
   */
  readonly check?: (value: string) => string | undefined;
}

/** A plug-in's parameters by name. */
export type ParamSchema = Readonly<Record<string, ParamDef>>;

type ValueOf<D extends ParamDef> = D extends ListParam
  ? readonly number[]
  : D extends StringParam
    ? string
    : number;

type HasValue<D> = D extends { readonly default: unknown }
  ? true
  : D extends { readonly required: true }
    ? true
    : false;

/**
 * The values a schema yields: a parameter with a default or `required: true` is always present,
 * others may be undefined. `as const` on the schema keeps the literal types this needs.
 */
export type ParamValues<S extends ParamSchema> = {
  readonly [K in keyof S]: HasValue<S[K]> extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

/** A parsed spec string: a name and its raw `key=value` parameters. */
export interface ParsedSpec {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
}

const PARAM_TYPES = ["number", "integer", "list", "string"] as const;

/** Parses `name:key=value,…` (syntax only; `kind` names the spec kind in errors). */
export function parseSpec(kind: string, text: string): ParsedSpec {
  const api = `${kind} spec`;
  if (typeof text !== "string" || text.trim() === "") {
    throw new InvalidParameterError(
      api,
      kind,
      "must be a non-empty spec like name:key=value",
      text,
    );
  }
  const colon = text.indexOf(":");
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  const params: Record<string, string> = {};
  if (colon >= 0 && text.slice(colon + 1).trim() !== "") {
    for (const part of text.slice(colon + 1).split(",")) {
      const eq = part.indexOf("=");
      if (eq <= 0) {
        throw new InvalidParameterError(
          api,
          `"${name}" parameter`,
          "must be written key=value",
          part,
        );
      }
      const key = part.slice(0, eq).trim();
      if (key in params) {
        throw new InvalidParameterError(api, `"${name}" parameter ${key}`, "is given twice", text);
      }
      params[key] = part.slice(eq + 1).trim();
    }
  }
  return { name, params };
}

function rangeText(def: NumberParam | IntegerParam | ListParam): string {
  const lo =
    def.min === undefined
      ? ""
      : `${"exclusiveMin" in def && def.exclusiveMin ? ">" : ">="} ${def.min}`;
  const hi =
    "max" in def && def.max !== undefined
      ? `${"exclusiveMax" in def && def.exclusiveMax ? "<" : "<="} ${def.max}`
      : "";
  return [lo, hi].filter((s) => s !== "").join(" and ");
}

function checkNumber(
  api: string,
  key: string,
  def: NumberParam | IntegerParam | ListParam,
  v: number,
  shown: unknown,
): void {
  const what = def.type === "integer" ? "an integer" : "a finite number";
  const range = rangeText(def);
  const fail = () => {
    throw new InvalidParameterError(
      api,
      key,
      `must be ${what}${range ? ` ${range}` : ""} (${def.description})`,
      shown,
    );
  };
  if (typeof v !== "number" || !Number.isFinite(v)) fail();
  if (def.type === "integer" && !Number.isSafeInteger(v)) fail();
  const exMin = "exclusiveMin" in def && def.exclusiveMin;
  const exMax = "exclusiveMax" in def && def.exclusiveMax;
  if (def.min !== undefined && (exMin ? !(v > def.min) : !(v >= def.min))) fail();
  const max = "max" in def ? def.max : undefined;
  if (max !== undefined && (exMax ? !(v < max) : !(v <= max))) fail();
}

/** Validates one value (from a spec string, already converted, or from code). */
function checkValue(api: string, key: string, def: ParamDef, value: unknown): unknown {
  switch (def.type) {
    case "number":
    case "integer":
      checkNumber(api, key, def, value as number, value);
      return value;
    case "list": {
      if (!Array.isArray(value) || value.length === 0) {
        throw new InvalidParameterError(
          api,
          key,
          `must be a non-empty list of numbers separated by / (${def.description})`,
          value,
        );
      }
      for (const [i, x] of value.entries()) checkNumber(api, `${key}[${i}]`, def, x, x);
      return value;
    }
    case "string": {
      if (typeof value !== "string") {
        throw new InvalidParameterError(api, key, `must be a string (${def.description})`, value);
      }
      if (def.choices !== undefined && !def.choices.includes(value)) {
        throw new InvalidParameterError(
          api,
          key,
          `must be one of ${def.choices.join(", ")} (${def.description})`,
          value,
        );
      }
      const why = def.check?.(value);
      if (why !== undefined) throw new InvalidParameterError(api, key, why, value);
      return value;
    }
  }
}

function fromText(api: string, key: string, def: ParamDef, raw: string): unknown {
  const num = (s: string) => {
    const v = parseDecimal(s);
    if (v === undefined) {
      const range = def.type === "string" ? "" : rangeText(def);
      throw new InvalidParameterError(
        api,
        key,
        `must be a finite number${range ? ` ${range}` : ""} (${def.description})`,
        raw,
      );
    }
    return v;
  };
  switch (def.type) {
    case "number":
    case "integer":
      return num(raw);
    case "list":
      return raw.split("/").map(num);
    case "string":
      return raw;
  }
}

/**
 * The validated values of a schema: `given` holds raw spec text (`fromSpec: true`) or values
 * from code; unknown keys, missing required parameters and invalid values are named errors;
 * absent parameters get their defaults.
 */
export function resolveParams<S extends ParamSchema>(
  api: string,
  schema: S,
  given: Readonly<Record<string, unknown>>,
  fromSpec = false,
): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(given)) {
    const def = schema[key];
    if (def === undefined) {
      const valid = Object.keys(schema).join(", ") || "(none)";
      throw new InvalidParameterError(api, "parameter", `must be one of: ${valid}`, key);
    }
    if (raw === undefined) continue;
    const value = fromSpec ? fromText(api, key, def, raw as string) : raw;
    out[key] = checkValue(api, key, def, value);
  }
  for (const [key, def] of Object.entries(schema)) {
    if (out[key] !== undefined) continue;
    if (def.default !== undefined) out[key] = def.default;
    else if (def.required) {
      throw new InvalidParameterError(api, key, `is required (${def.description})`, undefined);
    }
  }
  return out as ParamValues<S>;
}

/**
 * Checks a schema itself (at plug-in registration): known types, descriptions, and defaults
 * that pass their own validation. `api` names the plug-in, e.g. `defineFamily "exp-mle"`.
 */
export function checkParamSchema(api: string, schema: unknown): ParamSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new InvalidParameterError(
      api,
      "params",
      "must be an object of parameter schemas",
      schema,
    );
  }
  for (const [key, def] of Object.entries(schema as Record<string, unknown>)) {
    const field = `params.${key}`;
    if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(key)) {
      throw new InvalidParameterError(api, field, "must be a name of letters, digits and -", key);
    }
    if (typeof def !== "object" || def === null) {
      throw new InvalidParameterError(api, field, "must be a parameter schema object", def);
    }
    const d = def as Partial<ParamDef> & Record<string, unknown>;
    if (!(PARAM_TYPES as readonly unknown[]).includes(d.type)) {
      throw new InvalidParameterError(
        api,
        `${field}.type`,
        `must be one of ${PARAM_TYPES.join(", ")}`,
        d.type,
      );
    }
    if (typeof d.description !== "string" || d.description.trim() === "") {
      throw new InvalidParameterError(
        api,
        `${field}.description`,
        "must be a non-empty one-line description",
        d.description,
      );
    }
    for (const bound of ["min", "max"] as const) {
      if (d[bound] !== undefined && (typeof d[bound] !== "number" || Number.isNaN(d[bound]))) {
        throw new InvalidParameterError(api, `${field}.${bound}`, "must be a number", d[bound]);
      }
    }
    if (d.default !== undefined) {
      if (d.required) {
        throw new InvalidParameterError(
          api,
          `${field}.required`,
          "cannot be true when a default is given",
          d.required,
        );
      }
      checkValue(`${api}: ${field}.default`, "default", d as ParamDef, d.default);
    }
  }
  return schema as ParamSchema;
}

/** One line per parameter for help texts: `  k  integer >= 1, default 2: number of symbols`. */
export function describeParams(schema: ParamSchema): string[] {
  return Object.entries(schema).map(([key, def]) => {
    const type =
      def.type === "string" && def.choices !== undefined ? def.choices.join("|") : def.type;
    const range = def.type === "string" ? "" : rangeText(def);
    const dflt =
      def.default !== undefined
        ? `, default ${Array.isArray(def.default) ? def.default.join("/") : def.default}`
        : def.required
          ? ", required"
          : "";
    return `${key}: ${type}${range ? ` ${range}` : ""}${dflt} — ${def.description}`;
  });
}

/** A compact signature for lists: `zipf:k,s` (optional parameters with `?`). */
export function specSignature(name: string, schema: ParamSchema): string {
  const ps = Object.entries(schema)
    .map(([k, p]) => `${k}${p.required ? "" : "?"}`)
    .join(",");
  return ps ? `${name}:${ps}` : name;
}
