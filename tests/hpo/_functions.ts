/**
 * Test helpers for the samplers: hand-built frozen trials, a study view over a list, a tiny
 * define-by-run ask → evaluate → tell loop (Optuna's order of sampler calls), and test functions.
 */
import { distributionsCompatible, isSingleValued } from "../../lib/hpo/distributions.ts";
import type {
  Distribution,
  FrozenTrial,
  ParamValue,
  Sampler,
  StudyDirection,
  StudyView,
  TrialState,
} from "../../lib/hpo/types.ts";

/** A frozen trial with defaults for everything not given. */
export function frozenTrial(
  number: number,
  fields: Partial<Omit<FrozenTrial, "number">> = {},
): FrozenTrial {
  return {
    number,
    trialId: number,
    state: "COMPLETE",
    value: null,
    params: {},
    distributions: {},
    intermediateValues: new Map(),
    userAttrs: {},
    systemAttrs: {},
    datetimeStart: null,
    datetimeComplete: null,
    ...fields,
  };
}

/** A read-only study view over a list of trials. */
export function studyOf(
  trials: readonly FrozenTrial[],
  direction: StudyDirection = "minimize",
): StudyView {
  return {
    studyName: "test",
    direction,
    trials: (states?: readonly TrialState[]) =>
      states === undefined ? trials : trials.filter((t) => states.includes(t.state)),
  };
}

/** What an objective gets: `suggest(name, distribution)` returns the sampled value. */
export type Suggest = (name: string, distribution: Distribution) => ParamValue;

/**
 * Runs `nTrials` sequential trials (or appends to `trials`): relative sampling first, then
 * independent sampling of every suggested name the relative result lacks, as Optuna's Trial does.
 */
export function runLoop(
  sampler: Sampler,
  objective: (suggest: Suggest) => number,
  options: { nTrials: number; direction?: StudyDirection; trials?: FrozenTrial[] },
): FrozenTrial[] {
  const trials = options.trials ?? [];
  const study = studyOf(trials, options.direction ?? "minimize");
  for (let k = 0; k < options.nTrials; k++) {
    const index = trials.length;
    let current = frozenTrial(index, { state: "RUNNING" });
    trials.push(current);
    const space = sampler.inferRelativeSearchSpace(study, current);
    const relative = sampler.sampleRelative(study, current, space);
    const suggest: Suggest = (name, distribution) => {
      let value: ParamValue;
      if (
        name in relative && name in space && distributionsCompatible(space[name], distribution)
      ) {
        value = relative[name];
      } else if (isSingleValued(distribution)) {
        value = distribution.kind === "categorical" ? distribution.choices[0] : distribution.low;
      } else {
        value = sampler.sampleIndependent(study, current, name, distribution);
      }
      current = {
        ...current,
        params: { ...current.params, [name]: value },
        distributions: { ...current.distributions, [name]: distribution },
      };
      trials[index] = current;
      return value;
    };
    const value = objective(suggest);
    trials[index] = { ...current, state: "COMPLETE", value };
  }
  return trials;
}

/** The smallest value among COMPLETE trials. */
export function bestValue(trials: readonly FrozenTrial[]): number {
  return Math.min(...trials.filter((t) => t.state === "COMPLETE").map((t) => t.value ?? Infinity));
}

/** Branin on x1 ∈ [−5, 10], x2 ∈ [0, 15]; minimum 0.397887. */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}
