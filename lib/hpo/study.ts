/**
 * The study: Optuna's ask/tell and optimize loop over a storage, a sampler and a pruner.
 *
 * @module
 */
import { HpoError, TrialPruned } from "./errors.ts";
import { NopPruner } from "./nop_pruner.ts";
import { tpeSampler } from "./tpe_sampler.ts";
import type { StudyStorage, TrialTemplate } from "./storage.ts";
import { Trial } from "./trial.ts";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  Pruner,
  Sampler,
  StudyDirection,
  StudyView,
  TrialState,
} from "./types.ts";

/** Options shared by `createStudy` and `loadStudy`. */
export interface StudyOptions {
  /** Proposes parameter values (default: `tpeSampler()` with Optuna's defaults, seed 0). */
  readonly sampler?: Sampler;
  /** Decides early stopping (default: `NopPruner`, never prunes). */
  readonly pruner?: Pruner;
  /** Clock for `optimize`'s timeout (default: the system clock). */
  readonly clock?: () => Date;
}

/** How {@link Study.tell} ends a trial when not with a plain value. */
export interface TellResult {
  /** How the trial ended. */
  readonly state: "COMPLETE" | "PRUNED" | "FAIL";
  /** Required for COMPLETE; ignored otherwise (PRUNED takes the last intermediate value). */
  readonly value?: number;
}

/** The objective: receives a trial, returns the value to minimise/maximise (maybe async). */
export type Objective = (trial: Trial) => number | Promise<number>;

/** Called after each trial of {@link Study.optimize} with the finished trial. */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void;

/** Options of {@link Study.optimize}. */
export interface OptimizeOptions {
  /** Number of trials to run in this call (default: until `timeout` or `study.stop()`). */
  readonly nTrials?: number;
  /** Stop starting new trials after this many seconds. */
  readonly timeout?: number;
  /**
   * Which objective errors are recorded as FAIL and the loop continues (default: all). With
   * `false`, or when the predicate says no, the trial is still recorded as FAIL, then the
   * error is rethrown. `TrialPruned` is never an error.
   */
  readonly catch?: boolean | ((error: unknown) => boolean);
  /** Run after every finished trial. */
  readonly callbacks?: readonly OptimizeCallback[];
}

/** Options of {@link Study.enqueueTrial}. */
export interface EnqueueTrialOptions {
  /** User attributes of the enqueued trial. */
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** Skip if a trial with exactly these fixed params (or params) already exists. */
  readonly skipIfExists?: boolean;
}

function isRecord(value: JsonValue | undefined): value is Readonly<Record<string, JsonValue>> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A hyper-parameter search: trials proposed by the sampler, judged by the pruner, recorded in
 * the storage. It is also the {@link StudyView} samplers and pruners read.
 *
 * @example
 * ```ts
 * import { createStudy } from "./create_study.ts";
 * import { randomSampler } from "./random_sampler.ts";
 * import { equal } from "node:assert/strict";
 * const study = createStudy({ sampler: randomSampler({ seed: 7 }) });
 * await study.optimize((trial) => (trial.suggestFloat("x", -3, 3) - 1) ** 2, { nTrials: 20 });
 * equal(study.trials(["COMPLETE"]).length, 20);
 * equal(study.bestValue < 1, true);
 * ```
 */
export class Study implements StudyView {
  /** Where the trials are recorded. */
  readonly storage: StudyStorage;
  /** The study's id within its storage. */
  readonly studyId: number;
  /** The study's unique name. */
  readonly studyName: string;
  /** Whether values are minimised or maximised. */
  readonly direction: StudyDirection;
  /** The sampler proposing parameters. */
  readonly sampler: Sampler;
  /** The pruner judging intermediate values. */
  readonly pruner: Pruner;
  readonly #clock: () => Date;
  #stopRequested = false;

  /** Binds to study `studyId` of `storage` (use `createStudy` or `loadStudy`). */
  constructor(storage: StudyStorage, studyId: number, options: StudyOptions = {}) {
    const summary = storage.getStudy(studyId);
    this.storage = storage;
    this.studyId = studyId;
    this.studyName = summary.studyName;
    this.direction = summary.direction;
    this.sampler = options.sampler ?? tpeSampler();
    this.pruner = options.pruner ?? new NopPruner();
    this.#clock = options.clock ?? (() => new Date());
  }

  /** All trials in number order, optionally only those in `states`. */
  trials(states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.storage.getAllTrials(this.studyId, states);
  }

  /** Records a system attribute on a trial (pruner state such as `completed_rung_0`). */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.storage.setTrialSystemAttr(trialId, key, value);
  }

  /** The view the sampler gets for `trial` (bracket-filtered under Hyperband). */
  samplerView(trial: FrozenTrial): StudyView {
    return this.pruner.samplerView?.(this, trial) ?? this;
  }

  /** The COMPLETE trial with the best value (the earliest on ties). */
  get bestTrial(): FrozenTrial {
    let best: FrozenTrial | null = null;
    for (const trial of this.trials(["COMPLETE"])) {
      if (trial.value === null) continue;
      if (
        best === null ||
        (this.direction === "minimize" ? trial.value < best.value! : trial.value > best.value!)
      ) best = trial;
    }
    if (best === null) {
      throw new HpoError(`Cannot find the best trial of "${this.studyName}": no trial is COMPLETE`);
    }
    return best;
  }

  /** The parameters of {@link Study.bestTrial}. */
  get bestParams(): Readonly<Record<string, ParamValue>> {
    return this.bestTrial.params;
  }

  /** The value of {@link Study.bestTrial}. */
  get bestValue(): number {
    return this.bestTrial.value!;
  }

  /** The study's user attributes. */
  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.storage.getStudy(this.studyId).userAttrs;
  }

  /** Sets a user attribute of the study. */
  setUserAttr(key: string, value: JsonValue): void {
    this.storage.setStudyUserAttr(this.studyId, key, value);
  }

  /** The study's system attributes. */
  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.storage.getStudy(this.studyId).systemAttrs;
  }

  /** Sets a system attribute of the study. */
  setSystemAttr(key: string, value: JsonValue): void {
    this.storage.setStudySystemAttr(this.studyId, key, value);
  }

  /**
   * Starts a trial: claims the oldest WAITING (enqueued) trial if another worker has not, else
   * creates a new one. Parameters in `fixedDistributions` are suggested at once.
   */
  ask(fixedDistributions: Readonly<Record<string, Distribution>> = {}): Trial {
    let frozen: FrozenTrial | null = null;
    for (const waiting of this.trials(["WAITING"])) {
      if (this.storage.setTrialState(waiting.trialId, "RUNNING", null)) {
        frozen = this.storage.getTrial(waiting.trialId);
        break;
      }
    }
    const trial = new Trial(this, frozen ?? this.storage.createTrial(this.studyId));
    for (const [name, distribution] of Object.entries(fixedDistributions)) {
      suggestDistribution(trial, name, distribution);
    }
    return trial;
  }

  /**
   * Ends a RUNNING trial (a {@link Trial} or its number) with a value, or with an explicit
   * state. As in Optuna, ±Infinity is a valid COMPLETE value (a diverged run ranks worst) while
   * NaN or a non-number makes the trial FAIL; PRUNED takes the last intermediate value (none if
   * it is NaN).
   */
  tell(trial: Trial | number, result: number | TellResult): FrozenTrial {
    const frozen = this.#findTrial(trial);
    if (frozen.state !== "RUNNING") {
      throw new HpoError(
        `Cannot tell trial ${frozen.number}: it is ${frozen.state}, not RUNNING`,
      );
    }
    const asked = typeof result === "number"
      ? { state: "COMPLETE" as const, value: result }
      : result;
    let state: TrialState = asked.state;
    let value: number | null = null;
    if (state === "COMPLETE") {
      if (asked.value === undefined) {
        throw new HpoError(`Cannot tell trial ${frozen.number} COMPLETE: no value was given`);
      }
      if (typeof asked.value === "number" && !Number.isNaN(asked.value)) value = asked.value;
      else {
        state = "FAIL";
        this.storage.setTrialSystemAttr(
          frozen.trialId,
          "fail_reason",
          `The objective returned ${String(asked.value)}, not a number`,
        );
      }
    } else if (state === "PRUNED") {
      value = lastIntermediateValue(frozen);
    }
    this.sampler.afterTrial?.(this.samplerView(frozen), frozen, state, value);
    this.storage.setTrialState(frozen.trialId, state, value);
    return this.storage.getTrial(frozen.trialId);
  }

  /** Adds a WAITING trial whose parameters are fixed to `params`; the next `ask` claims it. */
  enqueueTrial(
    params: Readonly<Record<string, ParamValue>>,
    options: EnqueueTrialOptions = {},
  ): void {
    if (options.skipIfExists === true && this.#hasTrialWith(params)) return;
    this.storage.createTrial(this.studyId, {
      state: "WAITING",
      systemAttrs: { fixed_params: { ...params } },
      userAttrs: options.userAttrs ?? {},
    });
  }

  /** Inserts a whole trial (e.g. a result known from elsewhere); returns it as stored. */
  addTrial(template: TrialTemplate): FrozenTrial {
    if (template.state === "RUNNING") {
      throw new HpoError("Cannot add a trial in state RUNNING: use ask() to run one");
    }
    const value = template.value ?? null;
    if (template.state === "COMPLETE" && (typeof value !== "number" || Number.isNaN(value))) {
      throw new HpoError(`Cannot add a COMPLETE trial: its value ${value} is not a number`);
    }
    return this.storage.createTrial(this.studyId, template);
  }

  /** Asks the running {@link Study.optimize} loop to start no further trial. */
  stop(): void {
    this.#stopRequested = true;
  }

  /**
   * Runs trials until `nTrials` have run in this call, `timeout` seconds have passed or
   * {@link Study.stop} is called. The objective may throw `TrialPruned` (trial PRUNED) or any
   * other error (trial FAIL; the loop goes on unless `catch` says otherwise).
   */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    const { nTrials, timeout } = options;
    if (nTrials !== undefined && !(Number.isSafeInteger(nTrials) && nTrials >= 0)) {
      throw new HpoError(`Cannot optimize: nTrials must be an integer ≥ 0, got ${nTrials}`);
    }
    if (timeout !== undefined && !(timeout >= 0)) {
      throw new HpoError(`Cannot optimize: timeout must be a number ≥ 0 (seconds), got ${timeout}`);
    }
    const started = this.#clock().getTime();
    this.#stopRequested = false;
    for (let n = 0; options.nTrials === undefined || n < options.nTrials; n++) {
      if (this.#stopRequested) break;
      const elapsed = (this.#clock().getTime() - started) / 1000;
      if (options.timeout !== undefined && elapsed >= options.timeout) break;
      if (this.sampler.isExhausted?.(this) === true) break;
      const finished = await this.#runTrial(objective, options.catch ?? true);
      for (const callback of options.callbacks ?? []) callback(this, finished);
    }
  }

  async #runTrial(
    objective: Objective,
    catchOption: boolean | ((error: unknown) => boolean),
  ): Promise<FrozenTrial> {
    const trial = this.ask();
    let value: unknown;
    try {
      value = await objective(trial);
    } catch (error) {
      if (error instanceof TrialPruned) return this.tell(trial, { state: "PRUNED" });
      this.storage.setTrialSystemAttr(trial.trialId, "fail_reason", String(error));
      const finished = this.tell(trial, { state: "FAIL" });
      if (typeof catchOption === "function" ? !catchOption(error) : !catchOption) throw error;
      return finished;
    }
    return this.tell(trial, typeof value === "number" ? value : Number.NaN);
  }

  #findTrial(trial: Trial | number): FrozenTrial {
    if (typeof trial !== "number") return this.storage.getTrial(trial.trialId);
    const found = this.trials().find((t) => t.number === trial);
    if (found === undefined) {
      throw new HpoError(`Cannot tell trial ${trial}: "${this.studyName}" has no such trial`);
    }
    return found;
  }

  #hasTrialWith(params: Readonly<Record<string, ParamValue>>): boolean {
    const keys = Object.keys(params).sort();
    return this.trials().some((t) => {
      const fixed = t.systemAttrs["fixed_params"];
      const known: Readonly<Record<string, JsonValue>> = isRecord(fixed) ? fixed : t.params;
      const knownKeys = Object.keys(known).sort();
      return knownKeys.length === keys.length &&
        keys.every((k, i) => knownKeys[i] === k && Object.is(known[k], params[k]));
    });
  }
}

function lastIntermediateValue(trial: FrozenTrial): number | null {
  let lastStep = -1;
  for (const step of trial.intermediateValues.keys()) lastStep = Math.max(lastStep, step);
  if (lastStep < 0) return null;
  const value = trial.intermediateValues.get(lastStep)!;
  return Number.isNaN(value) ? null : value;
}

function suggestDistribution(trial: Trial, name: string, distribution: Distribution): void {
  switch (distribution.kind) {
    case "float":
      trial.suggestFloat(name, distribution.low, distribution.high, distribution);
      return;
    case "int":
      trial.suggestInt(name, distribution.low, distribution.high, distribution);
      return;
    case "categorical":
      trial.suggestCategorical(name, distribution.choices);
  }
}
