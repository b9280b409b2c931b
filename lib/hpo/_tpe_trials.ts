/**
 * Which trials feed TPE and how: the below/above split, the observations of a search space, and
 * the relative search spaces (intersection, or group decomposition for conditional spaces).
 * Semantics as in shared/tpe-notes.md §1.4 and §1.7.
 *
 * @module
 */
import { distributionsEqual, isSingleValued, toInternal } from "./distributions.ts";
import type { Distribution, FrozenTrial, StudyDirection } from "./types.ts";

/** Optuna's default `gamma(n) = min(ceil(0.1·n), 25)`: how many trials count as good. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Sort key of a pruned trial: further (larger last step) first, then its last value. */
function prunedKey(trial: FrozenTrial, sign: number): [number, number] {
  let lastStep = -1;
  let lastValue = 0;
  for (const [step, value] of trial.intermediateValues) {
    if (step > lastStep) {
      lastStep = step;
      lastValue = value;
    }
  }
  if (lastStep < 0) return [1, 0];
  return [-lastStep, Number.isNaN(lastValue) ? Infinity : sign * lastValue];
}

/**
 * Splits trials into `below` (the `nBelow` best) and `above` (the rest), each in trial-number
 * order. COMPLETE trials rank by value; PRUNED ones after all of them, by last step (further is
 * better), then last intermediate value (NaN worst), those without reports last; RUNNING trials
 * (present only with the constant liar) always go above. FAIL and WAITING trials are ignored.
 */
export function splitTrials(
  trials: readonly FrozenTrial[],
  nBelow: number,
  direction: StudyDirection,
): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const sign = direction === "maximize" ? -1 : 1;
  const score = (t: FrozenTrial): number => {
    const v = t.value ?? NaN;
    return Number.isNaN(v) ? Infinity : sign * v;
  };
  const complete = trials.filter((t) => t.state === "COMPLETE")
    .map((t) => ({ t, s: score(t) }))
    .sort((a, b) => a.s - b.s || a.t.number - b.t.number)
    .map(({ t }) => t);
  const pruned = trials.filter((t) => t.state === "PRUNED")
    .map((t) => ({ t, key: prunedKey(t, sign) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.t.number - b.t.number)
    .map(({ t }) => t);
  const ranked = [...complete, ...pruned];
  const n = Math.max(0, Math.min(nBelow, ranked.length));
  const byNumber = (a: FrozenTrial, b: FrozenTrial): number => a.number - b.number;
  const below = ranked.slice(0, n).sort(byNumber);
  const above = [...ranked.slice(n), ...trials.filter((t) => t.state === "RUNNING")]
    .sort(byNumber);
  return { below, above };
}

/**
 * The observations of `space` (names in order) in `trials`: `[D][m]` internal values of the
 * trials that have every parameter with a usable value (a number for numeric dimensions, one of
 * the choices for categoricals). Trials lacking one are dropped — after the split, as Optuna does.
 */
export function observationsOf(
  trials: readonly FrozenTrial[],
  names: readonly string[],
  space: Readonly<Record<string, Distribution>>,
): Float64Array[] {
  const rows: number[][] = [];
  for (const trial of trials) {
    const row: number[] = [];
    for (const name of names) {
      if (!(name in trial.params)) break;
      const distribution = space[name];
      const value = trial.params[name];
      if (distribution.kind === "categorical") {
        if (!distribution.choices.includes(value)) break;
        row.push(toInternal(distribution, value));
      } else {
        if (typeof value !== "number" || !Number.isFinite(value)) break;
        row.push(value);
      }
    }
    if (row.length === names.length) rows.push(row);
  }
  return names.map((_, d) => Float64Array.from(rows, (row) => row[d]));
}

function sortedSpace(
  entries: Iterable<[string, Distribution]>,
): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (
    const [name, distribution] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  ) {
    if (!isSingleValued(distribution)) out[name] = distribution;
  }
  return out;
}

/**
 * The parameters every finished trial has with an identical distribution (names sorted,
 * single-valued ones dropped): the space multivariate TPE samples jointly.
 */
export function intersectionSearchSpace(
  trials: readonly FrozenTrial[],
): Record<string, Distribution> {
  let space: Map<string, Distribution> | null = null;
  for (const trial of trials) {
    if (space === null) {
      space = new Map(Object.entries(trial.distributions));
      continue;
    }
    for (const [name, distribution] of space) {
      const other = trial.distributions[name];
      if (other === undefined || !distributionsEqual(other, distribution)) space.delete(name);
    }
  }
  return sortedSpace(space ?? []);
}

/**
 * Optuna's group decomposition: each trial's parameter set splits every group into "in the trial"
 * and "not in it", new names form a new group. Each group (names sorted, single-valued dimensions
 * dropped, empty groups removed) is sampled jointly on the trials that contain it.
 */
export function groupDecomposedSearchSpace(
  trials: readonly FrozenTrial[],
): Record<string, Distribution>[] {
  let groups: Map<string, Distribution>[] = [];
  for (const trial of trials) {
    const fresh = new Map(Object.entries(trial.distributions));
    const next: Map<string, Distribution>[] = [];
    for (const group of groups) {
      const inside = new Map<string, Distribution>();
      const outside = new Map<string, Distribution>();
      for (const [name, distribution] of group) {
        (fresh.has(name) ? inside : outside).set(name, distribution);
        fresh.delete(name);
      }
      next.push(inside, outside);
    }
    next.push(fresh);
    groups = next.filter((g) => g.size > 0);
  }
  return groups.map((g) => sortedSpace(g)).filter((g) => Object.keys(g).length > 0);
}
