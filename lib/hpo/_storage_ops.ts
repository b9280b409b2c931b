/**
 * The ten storage operations of Optuna's journal (op codes 0–9), as typed records. Both storages
 * are a replay of these records: the in-memory one applies them directly, the journal one
 * appends them to a file first.
 *
 * @module
 */
import type { Distribution, JsonValue, StudyDirection, TrialState } from "./types.ts";

/** Journal op codes, Optuna's numbering. */
export const OP_CODE = {
  createStudy: 0,
  deleteStudy: 1,
  setStudyUserAttr: 2,
  setStudySystemAttr: 3,
  createTrial: 4,
  setTrialParam: 5,
  setTrialStateValues: 6,
  setTrialIntermediateValue: 7,
  setTrialUserAttr: 8,
  setTrialSystemAttr: 9,
} as const;

/** Trial state codes in the journal (RUNNING 0 … WAITING 4). */
export const TRIAL_STATE_CODES: readonly TrialState[] = [
  "RUNNING",
  "COMPLETE",
  "PRUNED",
  "FAIL",
  "WAITING",
];

/** One storage operation. Parameter values are in internal form (categorical = index). */
export type StorageOp =
  | { readonly op: "createStudy"; readonly studyName: string; readonly direction: StudyDirection }
  | { readonly op: "deleteStudy"; readonly studyId: number }
  | {
    readonly op: "setStudyUserAttr" | "setStudySystemAttr";
    readonly studyId: number;
    readonly key: string;
    readonly value: JsonValue;
  }
  | {
    readonly op: "createTrial";
    readonly studyId: number;
    /** `true` when the record carries a whole trial (Optuna's template fields). */
    readonly template: boolean;
    readonly state: TrialState;
    readonly value: number | null;
    readonly datetimeStart: Date | null;
    readonly datetimeComplete: Date | null;
    readonly distributions: Readonly<Record<string, Distribution>>;
    readonly params: Readonly<Record<string, number>>;
    readonly userAttrs: Readonly<Record<string, JsonValue>>;
    readonly systemAttrs: Readonly<Record<string, JsonValue>>;
    readonly intermediateValues: ReadonlyMap<number, number>;
  }
  | {
    readonly op: "setTrialParam";
    readonly trialId: number;
    readonly name: string;
    readonly internal: number;
    readonly distribution: Distribution;
  }
  | {
    readonly op: "setTrialStateValues";
    readonly trialId: number;
    readonly state: TrialState;
    readonly value: number | null;
    /** Present when `state` is RUNNING. */
    readonly datetimeStart: Date | null;
    /** Present when `state` is finished. */
    readonly datetimeComplete: Date | null;
  }
  | {
    readonly op: "setTrialIntermediateValue";
    readonly trialId: number;
    readonly step: number;
    readonly value: number;
  }
  | {
    readonly op: "setTrialUserAttr" | "setTrialSystemAttr";
    readonly trialId: number;
    readonly key: string;
    readonly value: JsonValue;
  };

/** Whether a trial in `state` can no longer change. */
export function isFinishedState(state: TrialState): boolean {
  return state === "COMPLETE" || state === "PRUNED" || state === "FAIL";
}
