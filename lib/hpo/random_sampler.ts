/**
 * The random sampler: every parameter uniform in its transformed box, independent of history.
 *
 * @module
 */
import { deriveSeed, Prng } from "../random/mod.ts";
import { isSingleValued } from "./distributions.ts";
import type { Distribution, FrozenTrial, ParamValue, Sampler, StudyView } from "./types.ts";

/** Options of {@link randomSampler}. */
export interface RandomSamplerOptions {
  /** Root seed; the same seed gives the same trials. Default 0. */
  readonly seed?: number;
}

/** The largest double below `x` (for an exclusive upper bound). */
function below(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return buf[0];
}

/**
 * One uniform draw from `distribution` in its transformed box (Optuna's `RandomSampler`):
 * log-space for `log`, bounds widened by ±step/2 then rounded to the grid for discrete
 * dimensions (±½ in log-space for log ints), a uniform choice for categoricals; a continuous
 * float's upper bound is exclusive.
 */
export function drawUniform(prng: Prng, distribution: Distribution): ParamValue {
  if (distribution.kind === "categorical") {
    return distribution.choices[prng.int(0, distribution.choices.length - 1)];
  }
  if (isSingleValued(distribution)) return distribution.low;
  const { low, high, log } = distribution;
  if (distribution.kind === "int" && log) {
    const v = Math.round(Math.exp(prng.uniform(Math.log(low - 0.5), Math.log(high + 0.5))));
    return Math.min(high, Math.max(low, v));
  }
  const step = distribution.step;
  if (step !== null) {
    const t = prng.uniform(low - step / 2, high + step / 2);
    const v = low + Math.round((t - low) / step) * step;
    const clipped = Math.min(high, Math.max(low, v));
    return distribution.kind === "int" ? Math.round(clipped) : clipped;
  }
  const v = log ? Math.exp(prng.uniform(Math.log(low), Math.log(high))) : prng.uniform(low, high);
  return Math.min(below(high), Math.max(low, v));
}

/**
 * A seeded random sampler. Each value is drawn from its own generator, seeded with
 * `deriveSeed(seed, "random/<name>", trial.number)`: a trial's values depend only on the seed, the
 * trial number and the parameter name — not on call order, other trials or other workers.
 *
 * @example
 * ```ts
 * import { randomSampler } from "./random_sampler.ts";
 * import { floatDistribution } from "./distributions.ts";
 * import type { FrozenTrial, StudyView } from "./types.ts";
 * import { equal, ok } from "node:assert/strict";
 * const study: StudyView = { studyName: "s", direction: "minimize", trials: () => [] };
 * const trial = { number: 0 } as FrozenTrial;
 * const lr = floatDistribution(1e-5, 1e-2, { log: true });
 * const a = randomSampler({ seed: 7 }).sampleIndependent(study, trial, "lr", lr);
 * equal(a, randomSampler({ seed: 7 }).sampleIndependent(study, trial, "lr", lr));
 * ok(typeof a === "number" && a >= 1e-5 && a < 1e-2);
 * ```
 */
export function randomSampler(options: RandomSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  return {
    inferRelativeSearchSpace(): Record<string, Distribution> {
      return {};
    },
    sampleRelative(): Record<string, ParamValue> {
      return {};
    },
    sampleIndependent(
      _study: StudyView,
      trial: FrozenTrial,
      name: string,
      distribution: Distribution,
    ): ParamValue {
      return drawUniform(new Prng(deriveSeed(seed, `random/${name}`, trial.number)), distribution);
    },
  };
}
