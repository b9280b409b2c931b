/**
 * A storage that keeps studies in memory only: fast, single process, gone when the process
 * ends. Same rules as the journal storage (it replays the same ops).
 *
 * @module
 */
import { StorageModel } from "./_storage_model.ts";
import { StorageCore } from "./_storage_core.ts";
import type { StudyStorage, StudySummary, TrialTemplate } from "./storage.ts";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  StudyDirection,
  TrialState,
} from "./types.ts";

/** Options of {@link InMemoryStorage}. */
export interface InMemoryStorageOptions {
  /** Source of trial timestamps (default: the system clock). */
  readonly clock?: () => Date;
}

/**
 * Studies and trials held in memory.
 *
 * @example
 * ```ts
 * import { InMemoryStorage } from "./in_memory_storage.ts";
 * import { deepEqual as assertEquals } from "node:assert/strict";
 * const storage = new InMemoryStorage();
 * const studyId = storage.createStudy("demo", "minimize");
 * const trial = storage.createTrial(studyId);
 * storage.setTrialState(trial.trialId, "COMPLETE", 0.5);
 * assertEquals(storage.getAllTrials(studyId)[0].value, 0.5);
 * ```
 */
export class InMemoryStorage implements StudyStorage {
  readonly #core: StorageCore;

  /** Creates an empty storage. */
  constructor(options: InMemoryStorageOptions = {}) {
    const model = new StorageModel();
    const backend = {
      synced: () => model,
      current: () => model,
      commit: (op: Parameters<StorageModel["replay"]>[0]) => model.replay(op),
    };
    this.#core = new StorageCore(backend, options.clock ?? (() => new Date()));
  }

  /** Creates a study and returns its id; throws if the name is taken. */
  createStudy(studyName: string, direction: StudyDirection): number {
    return this.#core.createStudy(studyName, direction);
  }
  /** Removes a study (its trials keep their ids). */
  deleteStudy(studyId: number): void {
    this.#core.deleteStudy(studyId);
  }
  /** The id of the study with that name, or `null`. */
  getStudyIdFromName(studyName: string): number | null {
    return this.#core.getStudyIdFromName(studyName);
  }
  /** One study; throws if it does not exist. */
  getStudy(studyId: number): StudySummary {
    return this.#core.getStudy(studyId);
  }
  /** All studies, by id. */
  getAllStudies(): readonly StudySummary[] {
    return this.#core.getAllStudies();
  }
  /** Sets one user attribute of a study. */
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void {
    this.#core.setStudyUserAttr(studyId, key, value);
  }
  /** Sets one system attribute of a study. */
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void {
    this.#core.setStudySystemAttr(studyId, key, value);
  }
  /** Creates a trial with the next number (RUNNING unless a template says otherwise). */
  createTrial(studyId: number, template?: TrialTemplate): FrozenTrial {
    return this.#core.createTrial(studyId, template);
  }
  /** Records a parameter value (external form) drawn from `distribution`. */
  setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): void {
    this.#core.setTrialParam(trialId, name, value, distribution);
  }
  /** Moves a trial to `state`; `false` when a RUNNING claim on a non-WAITING trial lost. */
  setTrialState(trialId: number, state: TrialState, value: number | null): boolean {
    return this.#core.setTrialState(trialId, state, value);
  }
  /** Records an intermediate value at `step`. */
  setTrialIntermediateValue(trialId: number, step: number, value: number): void {
    this.#core.setTrialIntermediateValue(trialId, step, value);
  }
  /** Sets one user attribute of a trial. */
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void {
    this.#core.setTrialUserAttr(trialId, key, value);
  }
  /** Sets one system attribute of a trial. */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.#core.setTrialSystemAttr(trialId, key, value);
  }
  /** One trial; throws if it does not exist. */
  getTrial(trialId: number): FrozenTrial {
    return this.#core.getTrial(trialId);
  }
  /** The trials of a study in number order, optionally only those in `states`. */
  getAllTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.#core.getAllTrials(studyId, states);
  }
}
