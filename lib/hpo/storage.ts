/**
 * The storage interface a study records into. A storage records; it never decides. Two
 * implementations share one replay model: `InMemoryStorage` and the Optuna-compatible
 * `JournalFileStorage`.
 *
 * @module
 */
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  StudyDirection,
  TrialState,
} from "./types.ts";

/** One study of a storage. */
export interface StudySummary {
  /** Storage-wide id (never reused, even after a study is deleted). */
  readonly studyId: number;
  /** Unique name within the storage. */
  readonly studyName: string;
  /** Whether values are minimised or maximised. */
  readonly direction: StudyDirection;
  /** Attributes set by the user. */
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  /** Attributes set by samplers, pruners and tools (e.g. `study:metric_names`). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/**
 * A whole trial to insert at once (Optuna's `add_trial` / `enqueue_trial`). Omitted fields are
 * empty; `datetimeStart` defaults to now for RUNNING and finished trials and to `null` for
 * WAITING ones.
 */
export interface TrialTemplate {
  /** The trial's state (WAITING for an enqueued trial, a finished state for a known result). */
  readonly state: TrialState;
  /** Final value (COMPLETE) or last intermediate value (PRUNED). */
  readonly value?: number | null;
  /** External parameter values; each needs an entry in `distributions`. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** The distribution of each parameter. */
  readonly distributions?: Readonly<Record<string, Distribution>>;
  /** Reported values by step. */
  readonly intermediateValues?: ReadonlyMap<number, number>;
  /** User attributes. */
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  /** System attributes (`fixed_params` for an enqueued trial). */
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  /** Start time (default: now, or `null` for WAITING). */
  readonly datetimeStart?: Date | null;
  /** Completion time (default: now for a finished state). */
  readonly datetimeComplete?: Date | null;
}

/**
 * Where studies and trials live. Every method is synchronous; a journal storage re-reads what
 * other processes appended before answering. Invalid requests (unknown ids, updates of finished
 * trials, incompatible distributions, duplicate study names) throw an `HpoError`.
 */
export interface StudyStorage {
  /** Creates a study and returns its id; throws if the name is taken. */
  createStudy(studyName: string, direction: StudyDirection): number;
  /** Removes a study (its trials keep their ids). */
  deleteStudy(studyId: number): void;
  /** The id of the study with that name, or `null`. */
  getStudyIdFromName(studyName: string): number | null;
  /** One study; throws if it does not exist. */
  getStudy(studyId: number): StudySummary;
  /** All studies, by id. */
  getAllStudies(): readonly StudySummary[];
  /** Sets one user attribute of a study. */
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void;
  /** Sets one system attribute of a study. */
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void;
  /** Creates a trial (RUNNING unless a template says otherwise) with the next number. */
  createTrial(studyId: number, template?: TrialTemplate): FrozenTrial;
  /** Records a parameter value (external form) drawn from `distribution`. */
  setTrialParam(trialId: number, name: string, value: ParamValue, distribution: Distribution): void;
  /**
   * Moves a trial to `state` with its final value. Setting RUNNING on a trial that is no longer
   * WAITING is rejected without error and returns `false` (how a WAITING trial is claimed by
   * exactly one worker); otherwise returns `true`.
   */
  setTrialState(trialId: number, state: TrialState, value: number | null): boolean;
  /** Records the intermediate value at `step` (overwrites; the study skips repeats). */
  setTrialIntermediateValue(trialId: number, step: number, value: number): void;
  /** Sets one user attribute of a trial. */
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void;
  /** Sets one system attribute of a trial. */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void;
  /** One trial; throws if it does not exist. */
  getTrial(trialId: number): FrozenTrial;
  /** The trials of a study in number order, optionally only those in `states`. */
  getAllTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[];
}
