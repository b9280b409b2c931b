/**
 * The grid sampler, for sanity stages: every combination of the listed values, once each.
 *
 * @module
 */
import { deriveSeed, Prng, shuffle } from "../random/mod.ts";
import { containsValue } from "./distributions.ts";
import { HpoError } from "./errors.ts";
import type { Distribution, FrozenTrial, ParamValue, Sampler, StudyView } from "./types.ts";

/** Options of {@link gridSampler}. */
export interface GridSamplerOptions {
  /** Seed of the visiting order; absent = the natural order (last name varies fastest). */
  readonly seed?: number;
}

/** A sampler that walks a grid; {@link GridSampler.isExhausted} tells the study when to stop. */
export interface GridSampler extends Sampler {
  /** Number of grid points (the product of the list lengths). */
  readonly gridSize: number;
  /** The grid point of trial `number` (its values by name). */
  pointOf(number: number): Readonly<Record<string, ParamValue>>;
  /** True once the study holds as many trials as the grid has points. */
  isExhausted(study: StudyView): boolean;
}

/**
 * A grid sampler over `searchSpace` (parameter name → the values to try). Trial n gets grid
 * point `order[n mod size]`, where `order` lists every combination once, shuffled with
 * `deriveSeed(seed, "grid")` when a seed is given. Because the point depends only on the trial
 * number, parallel workers (which get distinct numbers) visit distinct points.
 *
 * When exhausted: `isExhausted(study)` turns true once the study holds `gridSize` trials, and
 * `study.optimize` stops there (as Optuna's `GridSampler` stops its study), whatever `nTrials`
 * says. A trial asked for beyond that (`study.ask()` by hand) starts a second pass in the same
 * order. A suggested name with no grid values, or a grid value outside the suggested
 * distribution, is an `HpoError`.
 *
 * @example
 * ```ts
 * import { gridSampler } from "./grid_sampler.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const grid = gridSampler({ lr: [1e-5, 3e-5], batch: [16, 32] });
 * equal(grid.gridSize, 4);
 * deepEqual(grid.pointOf(1), { batch: 16, lr: 3e-5 });
 * ```
 */
export function gridSampler(
  searchSpace: Readonly<Record<string, readonly ParamValue[]>>,
  options: GridSamplerOptions = {},
): GridSampler {
  const names = Object.keys(searchSpace).sort();
  for (const name of names) {
    if (!Array.isArray(searchSpace[name]) || searchSpace[name].length === 0) {
      throw new HpoError(`Cannot create a grid sampler: "${name}" has no values to try`);
    }
  }
  const gridSize = names.reduce((size, name) => size * searchSpace[name].length, 1);
  if (!Number.isSafeInteger(gridSize) || gridSize > 1e7) {
    throw new HpoError(`Cannot create a grid sampler: ${gridSize} points is too many (max 1e7)`);
  }
  const natural = Array.from({ length: gridSize }, (_, i) => i);
  const order = options.seed === undefined
    ? natural
    : shuffle(new Prng(deriveSeed(options.seed, "grid")), natural);
  const pointOf = (number: number): Record<string, ParamValue> => {
    let rest = order[number % gridSize];
    const point: Record<string, ParamValue> = {};
    for (let k = names.length - 1; k >= 0; k--) {
      const values = searchSpace[names[k]];
      point[names[k]] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    return Object.fromEntries(names.map((name) => [name, point[name]]));
  };
  return {
    gridSize,
    pointOf,
    isExhausted: (study: StudyView): boolean => study.trials().length >= gridSize,
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
      if (!(name in searchSpace)) {
        throw new HpoError(`Cannot sample "${name}" from the grid: it has no values for it`);
      }
      const value = pointOf(trial.number)[name];
      if (!containsValue(distribution, value)) {
        throw new HpoError(
          `Cannot sample "${name}" from the grid: value ${JSON.stringify(value)} is outside ` +
            `the suggested distribution ${JSON.stringify(distribution)}`,
        );
      }
      return value;
    },
  };
}
