/**
 * Test helpers for the study and pruner tests: a tiny seeded sampler that records how the
 * study calls it, and frozen-trial / study-view builders for hand-worked pruner histories.
 */
import { Prng } from "../../lib/random/mod.ts";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  Sampler,
  StudyDirection,
  StudyView,
  TrialState,
} from "../../lib/hpo/types.ts";

/** One call the study made on a {@link RecordingSampler}. */
export interface SamplerCall {
  readonly method: "infer" | "relative" | "independent" | "after";
  readonly trial: number;
  readonly name?: string;
  readonly visibleTrials: number;
}

/**
 * Uniform draws from a seeded Prng (floats in [low, high), ints and choices uniformly), plus a
 * log of every call. `relative` makes `sampleRelative` return fixed values for some names.
 */
export class RecordingSampler implements Sampler {
  readonly calls: SamplerCall[] = [];
  readonly #prng: Prng;
  readonly #relative: Readonly<Record<string, [Distribution, ParamValue]>>;

  constructor(seed: number, relative: Readonly<Record<string, [Distribution, ParamValue]>> = {}) {
    this.#prng = new Prng(seed);
    this.#relative = relative;
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution> {
    this.calls.push({ method: "infer", trial: trial.number, visibleTrials: study.trials().length });
    return Object.fromEntries(Object.entries(this.#relative).map(([k, [d]]) => [k, d]));
  }

  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    space: Readonly<Record<string, Distribution>>,
  ): Record<string, ParamValue> {
    this.calls.push({
      method: "relative",
      trial: trial.number,
      visibleTrials: study.trials().length,
    });
    return Object.fromEntries(Object.keys(space).map((k) => [k, this.#relative[k][1]]));
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    this.calls.push({
      method: "independent",
      trial: trial.number,
      name,
      visibleTrials: study.trials().length,
    });
    switch (distribution.kind) {
      case "float":
        return this.#prng.uniform(distribution.low, distribution.high);
      case "int": {
        const k = this.#prng.int(0, (distribution.high - distribution.low) / distribution.step);
        return distribution.low + k * distribution.step;
      }
      case "categorical":
        return distribution.choices[this.#prng.int(0, distribution.choices.length - 1)];
    }
  }

  afterTrial(study: StudyView, trial: FrozenTrial): void {
    this.calls.push({ method: "after", trial: trial.number, visibleTrials: study.trials().length });
  }
}

/** Options of {@link frozenTrial}. */
export interface FrozenTrialSpec {
  readonly number: number;
  readonly state?: TrialState;
  readonly value?: number | null;
  /** Intermediate values by step; an array means steps 0, 1, 2, … */
  readonly curve?: readonly number[] | ReadonlyMap<number, number>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
}

/** A frozen trial for pruner tests. */
export function frozenTrial(spec: FrozenTrialSpec): FrozenTrial {
  const curve = spec.curve ?? [];
  const intermediateValues = curve instanceof Map
    ? new Map(curve)
    : new Map((curve as readonly number[]).map((v, i) => [i, v] as [number, number]));
  return {
    number: spec.number,
    trialId: spec.number,
    state: spec.state ?? "COMPLETE",
    value: spec.value ?? null,
    params: {},
    distributions: {},
    intermediateValues,
    userAttrs: {},
    systemAttrs: { ...spec.systemAttrs },
    datetimeStart: null,
    datetimeComplete: null,
  };
}

/**
 * A mutable study view over a list of frozen trials, with `setTrialSystemAttr` so successive
 * halving can record its rungs.
 */
export class FakeStudy implements StudyView {
  readonly studyName: string;
  readonly direction: StudyDirection;
  readonly #trials: FrozenTrial[];

  constructor(trials: readonly FrozenTrial[], direction: StudyDirection = "minimize", name = "s") {
    this.#trials = [...trials];
    this.direction = direction;
    this.studyName = name;
  }

  trials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    // a snapshot, as real storages return: later writes do not show through
    return this.#trials.filter((t) => states === undefined || states.includes(t.state));
  }

  /** Adds or replaces (by number) a trial. */
  put(trial: FrozenTrial): void {
    const i = this.#trials.findIndex((t) => t.number === trial.number);
    if (i < 0) this.#trials.push(trial);
    else this.#trials[i] = trial;
  }

  /** The current snapshot of trial `number`. */
  get(number: number): FrozenTrial {
    return this.#trials.find((t) => t.number === number)!;
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    const i = this.#trials.findIndex((t) => t.trialId === trialId);
    const t = this.#trials[i];
    this.#trials[i] = { ...t, systemAttrs: { ...t.systemAttrs, [key]: value } };
  }
}
