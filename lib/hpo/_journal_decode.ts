/**
 * Journal records → storage ops. Lenient where Optuna is (missing template fields, legacy
 * distribution names, `value` or `values`), strict about types: a record that does not make
 * sense decodes to `null` and is skipped, like Optuna skips invalid records of other workers.
 *
 * @module
 */
import { distributionFromJson } from "./distribution_json.ts";
import { parseTimestamp } from "./_journal_codec.ts";
import { type StorageOp, TRIAL_STATE_CODES } from "./_storage_ops.ts";
import type { Distribution, JsonValue, StudyDirection, TrialState } from "./types.ts";

type JsonRecord = Readonly<Record<string, JsonValue>>;

/** Thrown internally for a record that cannot be decoded. */
class BadRecord extends Error {}

function isRecord(value: JsonValue | undefined): value is JsonRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function id(value: JsonValue | undefined): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new BadRecord();
  return value;
}

function num(value: JsonValue | undefined): number {
  if (typeof value !== "number") throw new BadRecord();
  return value;
}

function str(value: JsonValue | undefined): string {
  if (typeof value !== "string") throw new BadRecord();
  return value;
}

function record(value: JsonValue | undefined): JsonRecord {
  if (!isRecord(value)) throw new BadRecord();
  return value;
}

function state(value: JsonValue | undefined): TrialState {
  const s = TRIAL_STATE_CODES[id(value)];
  if (s === undefined) throw new BadRecord();
  return s;
}

function date(value: JsonValue | undefined): Date | null {
  if (value === undefined || value === null) return null;
  const parsed = parseTimestamp(str(value));
  if (parsed === null) throw new BadRecord();
  return parsed;
}

/** A single-key attribute record `{key: value}`. */
function attr(value: JsonValue | undefined): { key: string; value: JsonValue } {
  const entries = Object.entries(record(value));
  if (entries.length !== 1) throw new BadRecord();
  return { key: entries[0][0], value: entries[0][1] };
}

function distribution(value: JsonValue | undefined): Distribution {
  try {
    return distributionFromJson(str(value));
  } catch {
    throw new BadRecord();
  }
}

/** `value` or the first of `values` (multi-objective studies keep only the first). */
function objectiveValue(r: JsonRecord): number | null {
  const values = r.values;
  if (Array.isArray(values)) return values.length === 0 ? null : num(values[0]);
  if (values !== undefined && values !== null) throw new BadRecord();
  return r.value === undefined || r.value === null ? null : num(r.value);
}

function direction(value: JsonValue | undefined): StudyDirection {
  if (!Array.isArray(value) || value.length === 0) throw new BadRecord();
  const code = id(value[0]);
  if (code > 2) throw new BadRecord();
  return code === 2 ? "maximize" : "minimize";
}

function createTrial(r: JsonRecord): StorageOp {
  const distributions: Record<string, Distribution> = {};
  for (const [name, text] of Object.entries(record(r.distributions ?? {}))) {
    distributions[name] = distribution(text);
  }
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(record(r.params ?? {}))) params[name] = num(value);
  const intermediateValues = new Map<number, number>();
  for (const [step, value] of Object.entries(record(r.intermediate_values ?? {}))) {
    if (!/^\d+$/.test(step)) throw new BadRecord();
    intermediateValues.set(Number(step), num(value));
  }
  return {
    op: "createTrial",
    studyId: id(r.study_id),
    template: "state" in r,
    state: r.state === undefined ? "RUNNING" : state(r.state),
    value: objectiveValue(r),
    datetimeStart: date(r.datetime_start),
    datetimeComplete: date(r.datetime_complete),
    distributions,
    params,
    userAttrs: record(r.user_attrs ?? {}),
    systemAttrs: record(r.system_attrs ?? {}),
    intermediateValues,
  };
}

function decode(r: JsonRecord): StorageOp | null {
  switch (r.op_code) {
    case 0:
      return {
        op: "createStudy",
        studyName: str(r.study_name),
        direction: direction(r.directions),
      };
    case 1:
      return { op: "deleteStudy", studyId: id(r.study_id) };
    case 2:
      return { op: "setStudyUserAttr", studyId: id(r.study_id), ...attr(r.user_attr) };
    case 3:
      return { op: "setStudySystemAttr", studyId: id(r.study_id), ...attr(r.system_attr) };
    case 4:
      return createTrial(r);
    case 5:
      return {
        op: "setTrialParam",
        trialId: id(r.trial_id),
        name: str(r.param_name),
        internal: num(r.param_value_internal),
        distribution: distribution(r.distribution),
      };
    case 6:
      return {
        op: "setTrialStateValues",
        trialId: id(r.trial_id),
        state: state(r.state),
        value: objectiveValue({ values: r.values ?? null }),
        datetimeStart: date(r.datetime_start),
        datetimeComplete: date(r.datetime_complete),
      };
    case 7:
      return {
        op: "setTrialIntermediateValue",
        trialId: id(r.trial_id),
        step: id(r.step),
        value: num(r.intermediate_value),
      };
    case 8:
      return { op: "setTrialUserAttr", trialId: id(r.trial_id), ...attr(r.user_attr) };
    case 9:
      return { op: "setTrialSystemAttr", trialId: id(r.trial_id), ...attr(r.system_attr) };
    default:
      return null; // unknown op codes (e.g. 5.0's DISCARD_TRIALS) are ignored
  }
}

/** The op a parsed journal record describes, or `null` if it is malformed or unknown. */
export function decodeRecord(value: JsonValue): StorageOp | null {
  if (!isRecord(value)) return null;
  try {
    return decode(value);
  } catch (error) {
    if (error instanceof BadRecord) return null;
    throw error;
  }
}
