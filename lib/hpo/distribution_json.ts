/**
 * Distributions in Optuna's JSON format (`optuna.distributions.distribution_to_json`), so that our
 * journals and Python Optuna's read each other:
 *
 * ```json
 * {"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-06, "high": 5e-05, "log": true}}
 * ```
 *
 * The writer reproduces Python's `json.dumps` byte for byte (`", "` and `": "` separators, Python's
 * float repr such as `1e-06` and `3.0`, non-ASCII escaped as `\uXXXX`). The reader also accepts
 * the legacy class names (`UniformDistribution`, `LogUniformDistribution`,
 * `DiscreteUniformDistribution`, `IntUniformDistribution`, `IntLogUniformDistribution`) and the
 * short form `{"type": "float" | "int" | "categorical", …}`; every result is validated.
 *
 * @module
 */
import { categoricalDistribution, floatDistribution, intDistribution } from "./distributions.ts";
import { HpoError } from "./errors.ts";
import { pythonFloatRepr as pythonFloat, pythonString } from "./_journal_json.ts";
import type { CategoricalChoice, Distribution } from "./types.ts";

function pythonChoice(choice: CategoricalChoice): string {
  if (typeof choice === "string") return pythonString(choice);
  if (typeof choice === "number") {
    return Number.isInteger(choice) ? String(choice) : pythonFloat(choice);
  }
  return JSON.stringify(choice);
}

/**
 * Optuna's JSON text for a distribution (what its journal stores, double-encoded, per parameter).
 *
 * @example
 * ```ts
 * import { distributionToJson } from "./distribution_json.ts";
 * import { floatDistribution } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(
 *   distributionToJson(floatDistribution(1e-6, 5e-5, { log: true })),
 *   '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-06, "high": 5e-05, "log": true}}',
 * );
 * ```
 */
export function distributionToJson(distribution: Distribution): string {
  switch (distribution.kind) {
    case "float": {
      const step = distribution.step === null ? "null" : pythonFloat(distribution.step);
      return `{"name": "FloatDistribution", "attributes": {"step": ${step}, ` +
        `"low": ${pythonFloat(distribution.low)}, "high": ${pythonFloat(distribution.high)}, ` +
        `"log": ${distribution.log}}}`;
    }
    case "int":
      return `{"name": "IntDistribution", "attributes": {"log": ${distribution.log}, ` +
        `"step": ${distribution.step}, "low": ${distribution.low}, "high": ${distribution.high}}}`;
    case "categorical":
      return `{"name": "CategoricalDistribution", "attributes": {"choices": [` +
        `${distribution.choices.map(pythonChoice).join(", ")}]}}`;
  }
}

type JsonRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(attrs: JsonRecord, key: string, text: string): number {
  const value = attrs[key];
  if (typeof value !== "number") {
    throw new HpoError(`Cannot read distribution ${text}: "${key}" is not a number`);
  }
  return value;
}

function optionalNum(attrs: JsonRecord, key: string, text: string): number | null {
  return attrs[key] === undefined || attrs[key] === null ? null : num(attrs, key, text);
}

function choicesOf(attrs: JsonRecord, text: string): CategoricalChoice[] {
  const choices = attrs.choices;
  if (!Array.isArray(choices)) {
    throw new HpoError(`Cannot read distribution ${text}: "choices" is not a list`);
  }
  return choices;
}

function fromNamed(name: unknown, attrs: JsonRecord, text: string): Distribution {
  const log = attrs.log === true;
  switch (name) {
    case "FloatDistribution":
      return floatDistribution(num(attrs, "low", text), num(attrs, "high", text), {
        log,
        step: optionalNum(attrs, "step", text),
      });
    case "IntDistribution":
      return intDistribution(num(attrs, "low", text), num(attrs, "high", text), {
        log,
        step: optionalNum(attrs, "step", text) ?? 1,
      });
    case "CategoricalDistribution":
      return categoricalDistribution(choicesOf(attrs, text));
    case "UniformDistribution":
      return floatDistribution(num(attrs, "low", text), num(attrs, "high", text));
    case "LogUniformDistribution":
      return floatDistribution(num(attrs, "low", text), num(attrs, "high", text), { log: true });
    case "DiscreteUniformDistribution":
      return floatDistribution(num(attrs, "low", text), num(attrs, "high", text), {
        step: num(attrs, "q", text),
      });
    case "IntUniformDistribution":
    case "IntLogUniformDistribution":
      return intDistribution(num(attrs, "low", text), num(attrs, "high", text), {
        log: name === "IntLogUniformDistribution",
        step: optionalNum(attrs, "step", text) ?? 1,
      });
    default:
      throw new HpoError(`Cannot read distribution ${text}: unknown class ${JSON.stringify(name)}`);
  }
}

function fromShort(record: JsonRecord, text: string): Distribution {
  switch (record.type) {
    case "categorical":
      return categoricalDistribution(choicesOf(record, text));
    case "float":
      return floatDistribution(num(record, "low", text), num(record, "high", text), {
        log: record.log === true,
        step: optionalNum(record, "step", text),
      });
    case "int":
      return intDistribution(num(record, "low", text), num(record, "high", text), {
        log: record.log === true,
        step: optionalNum(record, "step", text) ?? 1,
      });
    default:
      throw new HpoError(
        `Cannot read distribution ${text}: unknown type ${JSON.stringify(record.type)}`,
      );
  }
}

/**
 * Reads Optuna's distribution JSON (current names, legacy names, or the short `type` form) and
 * validates it. Throws an `HpoError` naming the text on anything else.
 *
 * @example
 * ```ts
 * import { distributionFromJson } from "./distribution_json.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(
 *   distributionFromJson('{"name": "IntUniformDistribution", "attributes": {"low": 1, "high": 9, "step": 2}}'),
 *   { kind: "int", low: 1, high: 9, log: false, step: 2 },
 * );
 * ```
 */
export function distributionFromJson(text: string): Distribution {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new HpoError(`Cannot read distribution ${text}: not valid JSON`, { cause });
  }
  if (!isRecord(parsed)) throw new HpoError(`Cannot read distribution ${text}: not an object`);
  if ("name" in parsed) {
    const attrs = parsed.attributes;
    if (!isRecord(attrs)) {
      throw new HpoError(`Cannot read distribution ${text}: "attributes" is not an object`);
    }
    return fromNamed(parsed.name, attrs, text);
  }
  return fromShort(parsed, text);
}
