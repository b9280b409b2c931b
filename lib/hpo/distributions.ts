/**
 * Search-space dimensions: constructors that validate, the internal ↔ external mapping (a
 * categorical's internal value is the index of its choice), membership and compatibility tests.
 * The records themselves are the plain {@link Distribution} union of `types.ts`.
 *
 * Deliberate difference from Optuna: when `high − low` is not a multiple of `step`, Optuna lowers
 * `high` with a warning; we refuse with an error that names the nearest valid bounds, because a
 * silently changed search space is harder to notice than a failed trial.
 *
 * @module
 */
import { HpoError } from "./errors.ts";
import type {
  CategoricalChoice,
  CategoricalDistribution,
  Distribution,
  FloatDistribution,
  IntDistribution,
  ParamValue,
} from "./types.ts";

/** Options of {@link floatDistribution}. */
export interface FloatDistributionOptions {
  /** Sample on a log scale (needs `low > 0`; excludes `step`). Default `false`. */
  readonly log?: boolean;
  /** Grid spacing; `null`/absent for a continuous range. Excludes `log`. */
  readonly step?: number | null;
}

/** Options of {@link intDistribution}. */
export interface IntDistributionOptions {
  /** Sample on a log scale (needs `low ≥ 1` and `step` 1). Default `false`. */
  readonly log?: boolean;
  /** Spacing of the integers, a positive integer. Default 1. */
  readonly step?: number;
}

/** Relative tolerance for "`high − low` is a multiple of a float `step`". */
const STEP_TOLERANCE = 1e-8;

function fail(kind: string, rule: string): never {
  throw new HpoError(`Cannot create a ${kind} distribution: ${rule}`);
}

/** Whether `span / step` is an integer up to float rounding. */
function isMultiple(span: number, step: number): boolean {
  const k = span / step;
  return Math.abs(k - Math.round(k)) <= STEP_TOLERANCE * Math.max(1, Math.abs(k));
}

/**
 * A float dimension in `[low, high]`, validated: finite bounds, `low ≤ high`, `log` needs
 * `low > 0`, `step > 0`, `log` and `step` exclusive, `high − low` a multiple of `step`.
 *
 * @example
 * ```ts
 * import { floatDistribution } from "./distributions.ts";
 * import { deepEqual, throws } from "node:assert/strict";
 * deepEqual(floatDistribution(1e-5, 1e-2, { log: true }), {
 *   kind: "float", low: 1e-5, high: 1e-2, log: true, step: null,
 * });
 * throws(() => floatDistribution(0, 1, { log: true }), /low > 0/);
 * ```
 */
export function floatDistribution(
  low: number,
  high: number,
  options: FloatDistributionOptions = {},
): FloatDistribution {
  const log = options.log ?? false;
  const step = options.step ?? null;
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    fail("float", `low and high must be finite numbers, got low ${low}, high ${high}`);
  }
  if (low > high) fail("float", `low must be ≤ high, got low ${low} > high ${high}`);
  if (log && step !== null) {
    fail("float", `step and log are mutually exclusive, got step ${step} with log true`);
  }
  if (log && !(low > 0)) fail("float", `log needs low > 0, got low ${low}`);
  if (step !== null) {
    if (!Number.isFinite(step) || !(step > 0)) {
      fail("float", `step must be a finite number > 0, got step ${step}`);
    }
    if (!isMultiple(high - low, step)) {
      const lower = low + Math.floor((high - low) / step) * step;
      const tidy = (x: number): number => Number(x.toPrecision(12));
      fail(
        "float",
        `high − low must be a multiple of step, got low ${low}, high ${high}, step ${step} ` +
          `(use high ${tidy(lower)} or ${tidy(lower + step)})`,
      );
    }
  }
  return { kind: "float", low, high, log, step };
}

/**
 * An integer dimension in `[low, high]`, validated: integer bounds, `low ≤ high`, `step` a
 * positive integer dividing `high − low`, `log` needs `low ≥ 1` and `step` 1.
 *
 * @example
 * ```ts
 * import { intDistribution } from "./distributions.ts";
 * import { deepEqual, throws } from "node:assert/strict";
 * deepEqual(intDistribution(8, 64, { step: 8 }), {
 *   kind: "int", low: 8, high: 64, log: false, step: 8,
 * });
 * throws(() => intDistribution(8, 60, { step: 8 }), /use high 56 or 64/);
 * ```
 */
export function intDistribution(
  low: number,
  high: number,
  options: IntDistributionOptions = {},
): IntDistribution {
  const log = options.log ?? false;
  const step = options.step ?? 1;
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    fail("int", `low and high must be integers, got low ${low}, high ${high}`);
  }
  if (low > high) fail("int", `low must be ≤ high, got low ${low} > high ${high}`);
  if (!Number.isSafeInteger(step) || step <= 0) {
    fail("int", `step must be an integer > 0, got step ${step}`);
  }
  if (log && step !== 1) {
    fail("int", `step and log are mutually exclusive (step must be 1), got step ${step}`);
  }
  if (log && low < 1) fail("int", `log needs low ≥ 1, got low ${low}`);
  if ((high - low) % step !== 0) {
    const lower = low + Math.floor((high - low) / step) * step;
    fail(
      "int",
      `high − low must be a multiple of step, got low ${low}, high ${high}, step ${step} ` +
        `(use high ${lower} or ${lower + step})`,
    );
  }
  return { kind: "int", low, high, log, step };
}

function isChoice(value: unknown): value is CategoricalChoice {
  return value === null || typeof value === "boolean" || typeof value === "string" ||
    (typeof value === "number" && Number.isFinite(value));
}

/**
 * A categorical dimension, validated: at least one choice, every choice a JSON scalar (`null`,
 * boolean, finite number, string), no duplicates.
 *
 * @example
 * ```ts
 * import { categoricalDistribution } from "./distributions.ts";
 * import { deepEqual, throws } from "node:assert/strict";
 * deepEqual(categoricalDistribution(["adamw", "sgd"]).choices, ["adamw", "sgd"]);
 * throws(() => categoricalDistribution(["a", "a"]), /duplicate/);
 * ```
 */
export function categoricalDistribution(
  choices: readonly CategoricalChoice[],
): CategoricalDistribution {
  if (!Array.isArray(choices) || choices.length === 0) {
    fail("categorical", `choices must be a non-empty list, got ${JSON.stringify(choices)}`);
  }
  const seen = new Set<CategoricalChoice>();
  for (const choice of choices) {
    if (!isChoice(choice)) {
      fail(
        "categorical",
        `choices must be null, booleans, finite numbers or strings, got ${String(choice)}`,
      );
    }
    if (seen.has(choice)) {
      fail(
        "categorical",
        `choices must not contain duplicates, got ${JSON.stringify(choice)} twice`,
      );
    }
    seen.add(choice);
  }
  return { kind: "categorical", choices: [...choices] };
}

/**
 * A value in the sampler's internal form: numbers stay numbers, a categorical choice becomes its
 * index. Throws when the choice is not in the list.
 *
 * @example
 * ```ts
 * import { categoricalDistribution, toInternal } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(toInternal(categoricalDistribution(["a", "b"]), "b"), 1);
 * ```
 */
export function toInternal(distribution: Distribution, value: ParamValue): number {
  if (distribution.kind === "categorical") {
    const index = distribution.choices.indexOf(value);
    if (index < 0) {
      throw new HpoError(
        `Cannot map ${JSON.stringify(value)} to an index: it is not one of the choices ` +
          JSON.stringify(distribution.choices),
      );
    }
    return index;
  }
  if (typeof value !== "number") {
    throw new HpoError(
      `Cannot map ${JSON.stringify(value)} to a ${distribution.kind} value: it is not a number`,
    );
  }
  return value;
}

/**
 * The external value for an internal one: the choice at an index, the rounded integer for an int
 * dimension, the number itself for a float dimension.
 *
 * @example
 * ```ts
 * import { categoricalDistribution, toExternal } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(toExternal(categoricalDistribution(["a", "b"]), 1), "b");
 * ```
 */
export function toExternal(distribution: Distribution, internal: number): ParamValue {
  switch (distribution.kind) {
    case "float":
      return internal;
    case "int":
      return Math.round(internal);
    case "categorical": {
      const index = Math.round(internal);
      if (!(index >= 0 && index < distribution.choices.length)) {
        throw new HpoError(
          `Cannot map index ${internal} to a choice: there are ${distribution.choices.length}`,
        );
      }
      return distribution.choices[index];
    }
  }
}

/**
 * Whether an external value belongs to the dimension: in range and on the grid for numbers (an
 * int value must be an integer), one of the choices (strict equality) for categoricals.
 *
 * @example
 * ```ts
 * import { containsValue, floatDistribution } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(containsValue(floatDistribution(0, 1, { step: 0.25 }), 0.5), true);
 * equal(containsValue(floatDistribution(0, 1, { step: 0.25 }), 0.3), false);
 * ```
 */
export function containsValue(distribution: Distribution, value: ParamValue): boolean {
  if (distribution.kind === "categorical") return distribution.choices.includes(value);
  if (typeof value !== "number" || !(value >= distribution.low && value <= distribution.high)) {
    return false;
  }
  if (distribution.kind === "int") {
    return Number.isInteger(value) && (value - distribution.low) % distribution.step === 0;
  }
  return distribution.step === null || isMultiple(value - distribution.low, distribution.step);
}

/**
 * Whether the dimension admits exactly one value (`low == high`, a range shorter than one step,
 * or one choice). Samplers return that value without drawing.
 *
 * @example
 * ```ts
 * import { intDistribution, isSingleValued } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(isSingleValued(intDistribution(3, 3)), true);
 * equal(isSingleValued(intDistribution(3, 4)), false);
 * ```
 */
export function isSingleValued(distribution: Distribution): boolean {
  if (distribution.kind === "categorical") return distribution.choices.length === 1;
  if (distribution.low === distribution.high) return true;
  const step = distribution.step;
  return step !== null && distribution.high - distribution.low < step * (1 - STEP_TOLERANCE);
}

/**
 * Whether one parameter name may carry both distributions in one study (Optuna's rule): the same
 * kind and the same `log` flag; categoricals need identical choices; ranges and steps may differ.
 *
 * @example
 * ```ts
 * import { distributionsCompatible, floatDistribution } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(distributionsCompatible(floatDistribution(0, 1), floatDistribution(0, 2)), true);
 * equal(distributionsCompatible(floatDistribution(1, 2), floatDistribution(1, 2, { log: true })), false);
 * ```
 */
export function distributionsCompatible(a: Distribution, b: Distribution): boolean {
  if (a.kind === "categorical" || b.kind === "categorical") {
    return a.kind === "categorical" && b.kind === "categorical" &&
      sameChoices(a.choices, b.choices);
  }
  return a.kind === b.kind && a.log === b.log;
}

/**
 * Whether two distributions are identical (kind, bounds, `log`, `step`, choices in order).
 *
 * @example
 * ```ts
 * import { distributionsEqual, intDistribution } from "./distributions.ts";
 * import { equal } from "node:assert/strict";
 * equal(distributionsEqual(intDistribution(1, 4), intDistribution(1, 4)), true);
 * equal(distributionsEqual(intDistribution(1, 4), intDistribution(1, 5)), false);
 * ```
 */
export function distributionsEqual(a: Distribution, b: Distribution): boolean {
  if (a.kind === "categorical" || b.kind === "categorical") {
    return a.kind === "categorical" && b.kind === "categorical" &&
      sameChoices(a.choices, b.choices);
  }
  return a.kind === b.kind && a.low === b.low && a.high === b.high && a.log === b.log &&
    a.step === b.step;
}

function sameChoices(a: readonly CategoricalChoice[], b: readonly CategoricalChoice[]): boolean {
  return a.length === b.length && a.every((choice, i) => Object.is(choice, b[i]));
}
