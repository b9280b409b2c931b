/**
 * The replay model shared by both storages: the state of all studies and trials after a sequence
 * of {@link StorageOp}s, with Optuna's journal rules (study ids count successful creations, trial
 * ids count all created trials across studies, numbers count within a study, finished trials are
 * immutable, RUNNING over RUNNING is a lost claim).
 *
 * @module
 */
import { distributionsCompatible, toExternal } from "./distributions.ts";
import { isFinishedState, type StorageOp } from "./_storage_ops.ts";
import type { StudySummary } from "./storage.ts";
import type { Distribution, FrozenTrial, ParamValue, TrialState } from "./types.ts";

interface StudyRecord {
  readonly summary: StudySummary;
  readonly trialIds: number[];
}

/** Outcome of checking an op: fine, an error for its issuer, or a silently lost claim. */
export type OpVerdict =
  | { readonly kind: "valid" }
  | { readonly kind: "invalid"; readonly message: string }
  | { readonly kind: "claim-lost" };

const VALID: OpVerdict = { kind: "valid" };

function invalid(message: string): OpVerdict {
  return { kind: "invalid", message };
}

/** Converts internal values to external ones; throws when an index or value does not fit. */
function externalParams(
  params: Readonly<Record<string, number>>,
  distributions: Readonly<Record<string, Distribution>>,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, internal] of Object.entries(params)) {
    const distribution = distributions[name];
    if (distribution === undefined) {
      throw new RangeError(`parameter "${name}" has no distribution`);
    }
    out[name] = toExternal(distribution, internal);
  }
  return out;
}

/** All studies and trials of one storage, rebuilt by replaying ops. */
export class StorageModel {
  #studies = new Map<number, StudyRecord>();
  #nextStudyId = 0;
  #trials: FrozenTrial[] = [];
  #trialStudy: number[] = [];
  #lastCreatedId = -1;

  /** Checks `op` against the current state without changing anything. */
  check(op: StorageOp): OpVerdict {
    switch (op.op) {
      case "createStudy":
        return this.studyIdOf(op.studyName) === null
          ? VALID
          : invalid(`Cannot create study "${op.studyName}": a study with that name exists`);
      case "deleteStudy":
      case "setStudyUserAttr":
      case "setStudySystemAttr":
        return this.#studies.has(op.studyId)
          ? VALID
          : invalid(`Cannot update study ${op.studyId}: no such study`);
      case "createTrial":
        return this.#checkCreateTrial(op);
      case "setTrialParam":
        return this.#checkUpdatable(op.trialId, `set parameter "${op.name}"`) ??
          this.#checkParam(op.trialId, op.name, op.internal, op.distribution);
      case "setTrialStateValues": {
        // Claiming a WAITING trial: whoever finds it no longer WAITING (another worker claimed
        // it, maybe already finished it) lost the claim; that is not an error.
        const current = this.#trials[op.trialId]?.state;
        if (op.state === "RUNNING" && current !== undefined && current !== "WAITING") {
          return { kind: "claim-lost" };
        }
        return this.#checkUpdatable(op.trialId, `set state ${op.state}`) ?? VALID;
      }
      case "setTrialIntermediateValue":
        return this.#checkUpdatable(op.trialId, `report step ${op.step}`) ?? VALID;
      case "setTrialUserAttr":
      case "setTrialSystemAttr":
        return this.#checkUpdatable(op.trialId, `set attribute "${op.key}"`) ?? VALID;
    }
  }

  /**
   * Applies `op` if it is valid and returns its verdict; the new study or trial id, if any, is
   * then {@link StorageModel.lastCreatedId}.
   */
  replay(op: StorageOp): OpVerdict {
    const verdict = this.check(op);
    if (verdict.kind === "valid") this.#apply(op);
    return verdict;
  }

  /** Id of the study or trial created by the last applied create op (−1 before any). */
  get lastCreatedId(): number {
    return this.#lastCreatedId;
  }

  /** The id of the study named `studyName`, or `null`. */
  studyIdOf(studyName: string): number | null {
    for (const [id, record] of this.#studies) {
      if (record.summary.studyName === studyName) return id;
    }
    return null;
  }

  /** One study, or `undefined`. */
  study(studyId: number): StudySummary | undefined {
    return this.#studies.get(studyId)?.summary;
  }

  /** All live studies, by id. */
  studies(): readonly StudySummary[] {
    return [...this.#studies.values()].map((r) => r.summary);
  }

  /** One trial, or `undefined`. */
  trial(trialId: number): FrozenTrial | undefined {
    return this.#trials[trialId];
  }

  /** The study a trial belongs to. */
  studyOfTrial(trialId: number): number | undefined {
    return this.#trialStudy[trialId];
  }

  /** The trials of a study in number order, or `undefined` for an unknown study. */
  trials(studyId: number, states?: readonly TrialState[]): FrozenTrial[] | undefined {
    const record = this.#studies.get(studyId);
    if (record === undefined) return undefined;
    const all = record.trialIds.map((id) => this.#trials[id]);
    return states === undefined ? all : all.filter((t) => states.includes(t.state));
  }

  #checkUpdatable(trialId: number, action: string): OpVerdict | null {
    const trial = this.#trials[trialId];
    if (trial === undefined) {
      return invalid(`Cannot ${action} on trial id ${trialId}: no such trial`);
    }
    if (isFinishedState(trial.state)) {
      return invalid(
        `Cannot ${action} on trial ${trial.number}: it is already ${trial.state}`,
      );
    }
    return null;
  }

  #checkParam(
    trialId: number,
    name: string,
    internal: number,
    distribution: Distribution,
  ): OpVerdict {
    try {
      toExternal(distribution, internal);
    } catch (error) {
      return invalid(`Cannot set parameter "${name}": ${(error as Error).message}`);
    }
    for (const id of this.#studies.get(this.#trialStudy[trialId])?.trialIds ?? []) {
      const previous = this.#trials[id].distributions[name];
      if (previous === undefined) continue;
      return distributionsCompatible(previous, distribution) ? VALID : invalid(
        `Cannot set parameter "${name}": its distribution ${
          JSON.stringify(distribution)
        } is incompatible with the study's ${JSON.stringify(previous)}`,
      );
    }
    return VALID;
  }

  #checkCreateTrial(op: Extract<StorageOp, { op: "createTrial" }>): OpVerdict {
    if (!this.#studies.has(op.studyId)) {
      return invalid(`Cannot create a trial in study ${op.studyId}: no such study`);
    }
    try {
      externalParams(op.params, op.distributions);
    } catch (error) {
      return invalid(`Cannot create a trial: ${(error as Error).message}`);
    }
    return VALID;
  }

  #apply(op: StorageOp): void {
    switch (op.op) {
      case "createStudy": {
        const studyId = this.#nextStudyId++;
        const summary = {
          studyId,
          studyName: op.studyName,
          direction: op.direction,
          userAttrs: {},
          systemAttrs: {},
        };
        this.#studies.set(studyId, { summary, trialIds: [] });
        this.#lastCreatedId = studyId;
        return;
      }
      case "deleteStudy":
        this.#studies.delete(op.studyId);
        return;
      case "setStudyUserAttr":
      case "setStudySystemAttr": {
        const record = this.#studies.get(op.studyId)!;
        const field = op.op === "setStudyUserAttr" ? "userAttrs" : "systemAttrs";
        const summary = {
          ...record.summary,
          [field]: { ...record.summary[field], [op.key]: op.value },
        };
        this.#studies.set(op.studyId, { summary, trialIds: record.trialIds });
        return;
      }
      case "createTrial": {
        const record = this.#studies.get(op.studyId)!;
        const trialId = this.#trials.length;
        this.#trials.push({
          number: record.trialIds.length,
          trialId,
          state: op.state,
          value: op.value,
          params: externalParams(op.params, op.distributions),
          distributions: { ...op.distributions },
          intermediateValues: new Map(op.intermediateValues),
          userAttrs: { ...op.userAttrs },
          systemAttrs: { ...op.systemAttrs },
          datetimeStart: op.datetimeStart,
          datetimeComplete: op.datetimeComplete,
        });
        this.#trialStudy.push(op.studyId);
        record.trialIds.push(trialId);
        this.#lastCreatedId = trialId;
        return;
      }
      default:
        this.#trials[op.trialId] = updatedTrial(this.#trials[op.trialId], op);
    }
  }
}

/** A new snapshot of `trial` with a trial-level op applied. */
function updatedTrial(
  trial: FrozenTrial,
  op: Extract<StorageOp, { trialId: number }>,
): FrozenTrial {
  switch (op.op) {
    case "setTrialParam":
      return {
        ...trial,
        params: { ...trial.params, [op.name]: toExternal(op.distribution, op.internal) },
        distributions: { ...trial.distributions, [op.name]: op.distribution },
      };
    case "setTrialStateValues":
      return {
        ...trial,
        state: op.state,
        value: op.value ?? trial.value,
        datetimeStart: op.state === "RUNNING" ? op.datetimeStart : trial.datetimeStart,
        datetimeComplete: isFinishedState(op.state) ? op.datetimeComplete : trial.datetimeComplete,
      };
    case "setTrialIntermediateValue":
      return {
        ...trial,
        intermediateValues: new Map(trial.intermediateValues).set(op.step, op.value),
      };
    case "setTrialUserAttr":
      return { ...trial, userAttrs: { ...trial.userAttrs, [op.key]: op.value } };
    case "setTrialSystemAttr":
      return { ...trial, systemAttrs: { ...trial.systemAttrs, [op.key]: op.value } };
  }
}
