/**
 * The storage front shared by both storages: turns each `StudyStorage` call into a
 * {@link StorageOp}, hands it to a backend that validates, persists and applies it, and answers
 * reads from the replayed {@link StorageModel}.
 *
 * @module
 */
import { toInternal } from "./distributions.ts";
import { HpoError } from "./errors.ts";
import { isFinishedState, type StorageOp } from "./_storage_ops.ts";
import type { OpVerdict, StorageModel } from "./_storage_model.ts";
import type { StudyStorage, StudySummary, TrialTemplate } from "./storage.ts";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  StudyDirection,
  TrialState,
} from "./types.ts";

/** What a storage backend provides: an up-to-date model and an atomic validate-persist-apply. */
export interface StorageBackend {
  /** The model, first brought up to date with what others wrote. */
  synced(): StorageModel;
  /** Validates `op` against the latest state; if valid, persists and applies it. */
  commit(op: StorageOp): OpVerdict;
  /** The model after the last commit (no re-read). */
  current(): StorageModel;
}

/** Implements every `StudyStorage` method over a {@link StorageBackend}. */
export class StorageCore implements StudyStorage {
  readonly #backend: StorageBackend;
  readonly #clock: () => Date;

  constructor(backend: StorageBackend, clock: () => Date) {
    this.#backend = backend;
    this.#clock = clock;
  }

  /** Commits `op`; throws on an invalid op; returns `false` for a lost claim. */
  #commit(op: StorageOp): boolean {
    const verdict = this.#backend.commit(op);
    if (verdict.kind === "invalid") throw new HpoError(verdict.message);
    return verdict.kind === "valid";
  }

  createStudy(studyName: string, direction: StudyDirection): number {
    if (direction !== "minimize" && direction !== "maximize") {
      throw new HpoError(
        `Cannot create study "${studyName}": direction must be "minimize" or "maximize", ` +
          `got ${JSON.stringify(direction)}`,
      );
    }
    this.#commit({ op: "createStudy", studyName, direction });
    return this.#backend.current().lastCreatedId;
  }

  deleteStudy(studyId: number): void {
    this.#commit({ op: "deleteStudy", studyId });
  }

  getStudyIdFromName(studyName: string): number | null {
    return this.#backend.synced().studyIdOf(studyName);
  }

  getStudy(studyId: number): StudySummary {
    const study = this.#backend.synced().study(studyId);
    if (study === undefined) throw new HpoError(`Cannot find study ${studyId}: no such study`);
    return study;
  }

  getAllStudies(): readonly StudySummary[] {
    return this.#backend.synced().studies();
  }

  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void {
    this.#commit({ op: "setStudyUserAttr", studyId, key, value });
  }

  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void {
    this.#commit({ op: "setStudySystemAttr", studyId, key, value });
  }

  createTrial(studyId: number, template?: TrialTemplate): FrozenTrial {
    const now = this.#clock();
    const state = template?.state ?? "RUNNING";
    const distributions = template?.distributions ?? {};
    const params: Record<string, number> = {};
    for (const [name, value] of Object.entries(template?.params ?? {})) {
      const distribution = distributions[name];
      if (distribution === undefined) {
        throw new HpoError(`Cannot create a trial: parameter "${name}" has no distribution`);
      }
      params[name] = toInternal(distribution, value);
    }
    const defaultStart = state === "WAITING" ? null : now;
    this.#commit({
      op: "createTrial",
      studyId,
      template: template !== undefined,
      state,
      value: template?.value ?? null,
      datetimeStart: template?.datetimeStart !== undefined ? template.datetimeStart : defaultStart,
      datetimeComplete: template?.datetimeComplete ??
        (isFinishedState(state) ? now : null),
      distributions,
      params,
      userAttrs: template?.userAttrs ?? {},
      systemAttrs: template?.systemAttrs ?? {},
      intermediateValues: template?.intermediateValues ?? new Map(),
    });
    return this.#backend.current().trial(this.#backend.current().lastCreatedId)!;
  }

  setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): void {
    const internal = toInternal(distribution, value);
    this.#commit({ op: "setTrialParam", trialId, name, internal, distribution });
  }

  setTrialState(trialId: number, state: TrialState, value: number | null): boolean {
    const now = this.#clock();
    return this.#commit({
      op: "setTrialStateValues",
      trialId,
      state,
      value,
      datetimeStart: state === "RUNNING" ? now : null,
      datetimeComplete: isFinishedState(state) ? now : null,
    });
  }

  setTrialIntermediateValue(trialId: number, step: number, value: number): void {
    this.#commit({ op: "setTrialIntermediateValue", trialId, step, value });
  }

  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void {
    this.#commit({ op: "setTrialUserAttr", trialId, key, value });
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.#commit({ op: "setTrialSystemAttr", trialId, key, value });
  }

  getTrial(trialId: number): FrozenTrial {
    const trial = this.#backend.synced().trial(trialId);
    if (trial === undefined) throw new HpoError(`Cannot find trial id ${trialId}: no such trial`);
    return trial;
  }

  getAllTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] {
    const trials = this.#backend.synced().trials(studyId, states);
    if (trials === undefined) {
      throw new HpoError(`Cannot list trials of study ${studyId}: no such study`);
    }
    return trials;
  }
}
