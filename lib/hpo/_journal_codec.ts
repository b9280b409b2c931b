/**
 * Storage ops ↔ Optuna journal records (`{"op_code": …, "worker_id": …, …}`), following the
 * notes' §3: directions and states as integers, distributions as JSON strings inside the JSON,
 * parameter values in internal form, naive local timestamps with microseconds.
 *
 * @module
 */
import { distributionToJson } from "./distribution_json.ts";
import { type JsonOut, PyFloat } from "./_journal_json.ts";
import { OP_CODE, type StorageOp, TRIAL_STATE_CODES } from "./_storage_ops.ts";
import type { Distribution, StudyDirection } from "./types.ts";

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` in local time (what Optuna ≤ 4.9 writes). */
export function formatNaiveLocal(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}T` +
    `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.` +
    `${pad(date.getMilliseconds() * 1000, 6)}`;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?$/;

/** Reads an ISO-8601 timestamp; naive ones are local time. `null` when malformed. */
export function parseTimestamp(text: string): Date | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Math.floor(Number((m[7] ?? "0").padEnd(6, "0")) / 1000);
  if (m[8] === undefined) return new Date(y, mo - 1, d, h, mi, s, ms);
  const offset = m[8] === "Z" ? 0 : (m[8][0] === "-" ? -1 : 1) *
    (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000);
}

function stamp(date: Date | null): string | null {
  return date === null ? null : formatNaiveLocal(date);
}

function directionCode(direction: StudyDirection): number {
  return direction === "minimize" ? 1 : 2;
}

function internalValue(distribution: Distribution, internal: number): JsonOut {
  return distribution.kind === "categorical" ? internal : new PyFloat(internal);
}

/** One value as a Python float (or null). */
function floatOrNull(value: number | null): JsonOut {
  return value === null ? null : new PyFloat(value);
}

function opFields(op: StorageOp): Record<string, JsonOut> {
  switch (op.op) {
    case "createStudy":
      return { study_name: op.studyName, directions: [directionCode(op.direction)] };
    case "deleteStudy":
      return { study_id: op.studyId };
    case "setStudyUserAttr":
      return { study_id: op.studyId, user_attr: { [op.key]: op.value } };
    case "setStudySystemAttr":
      return { study_id: op.studyId, system_attr: { [op.key]: op.value } };
    case "createTrial":
      return createTrialFields(op);
    case "setTrialParam":
      return {
        trial_id: op.trialId,
        param_name: op.name,
        param_value_internal: internalValue(op.distribution, op.internal),
        distribution: distributionToJson(op.distribution),
      };
    case "setTrialStateValues": {
      const fields: Record<string, JsonOut> = {
        trial_id: op.trialId,
        state: TRIAL_STATE_CODES.indexOf(op.state),
        values: op.value === null ? null : [new PyFloat(op.value)],
      };
      if (op.datetimeStart !== null) fields.datetime_start = stamp(op.datetimeStart);
      if (op.datetimeComplete !== null) fields.datetime_complete = stamp(op.datetimeComplete);
      return fields;
    }
    case "setTrialIntermediateValue":
      return { trial_id: op.trialId, step: op.step, intermediate_value: new PyFloat(op.value) };
    case "setTrialUserAttr":
      return { trial_id: op.trialId, user_attr: { [op.key]: op.value } };
    case "setTrialSystemAttr":
      return { trial_id: op.trialId, system_attr: { [op.key]: op.value } };
  }
}

function createTrialFields(op: Extract<StorageOp, { op: "createTrial" }>): Record<string, JsonOut> {
  const fields: Record<string, JsonOut> = {
    study_id: op.studyId,
    datetime_start: stamp(op.datetimeStart),
  };
  if (!op.template) return fields;
  fields.state = TRIAL_STATE_CODES.indexOf(op.state);
  fields.value = floatOrNull(op.value);
  fields.values = null;
  if (op.datetimeComplete !== null) fields.datetime_complete = stamp(op.datetimeComplete);
  const distributions: Record<string, JsonOut> = {};
  const params: Record<string, JsonOut> = {};
  for (const [name, distribution] of Object.entries(op.distributions)) {
    distributions[name] = distributionToJson(distribution);
  }
  for (const [name, internal] of Object.entries(op.params)) {
    params[name] = internalValue(op.distributions[name], internal);
  }
  const intermediate: Record<string, JsonOut> = {};
  for (const [step, value] of [...op.intermediateValues].sort((a, b) => a[0] - b[0])) {
    intermediate[String(step)] = new PyFloat(value);
  }
  return {
    ...fields,
    distributions,
    params,
    user_attrs: op.userAttrs,
    system_attrs: op.systemAttrs,
    intermediate_values: intermediate,
  };
}

/** The journal record of `op` issued by `workerId`, ready for `toJsonText`. */
export function encodeOp(op: StorageOp, workerId: string): Record<string, JsonOut> {
  return { op_code: OP_CODE[op.op], worker_id: workerId, ...opFields(op) };
}
