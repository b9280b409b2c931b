/**
 * DSM-5 criteria files (`{diagnosis, criteria:[{id, text}]}`) and the MDD criterion A file the
 * project ships (`dsm5_mdd_criteria.json`: A.1–A.9 in DSM-5 wording).
 *
 * @module
 */
import shipped from "./dsm5_mdd_criteria.json" with { type: "json" };
import { DataError } from "./errors.ts";
import {
  criterionIdsForPolicy,
  SPECIAL_CASE_CRITERION_ID,
  SPECIAL_CASE_CRITERION_TEXT,
  type SpecialCasePolicy,
} from "./symptoms.ts";

/** One criterion: its id (`"A.4"`) and its text. */
export interface Dsm5Criterion {
  /** Criterion id, e.g. `"A.1"`. */
  readonly id: string;
  /** The criterion statement. */
  readonly text: string;
}

/** A criteria file: the diagnosis it belongs to and its criteria in order. */
export interface Dsm5Criteria {
  /** The diagnosis, e.g. `"Major Depressive Disorder (DSM-5), Criterion A"`. */
  readonly diagnosis: string;
  /** The criteria, in file order. */
  readonly criteria: readonly Dsm5Criterion[];
}

/**
 * The DSM-5 major depressive disorder criterion A items A.1–A.9 shipped with the project.
 *
 * @example
 * ```ts
 * import { shippedDsm5Criteria } from "./dsm5_criteria.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(shippedDsm5Criteria().criteria[3], {
 *   id: "A.4",
 *   text: "Insomnia or hypersomnia nearly every day.",
 * });
 * ```
 */
export function shippedDsm5Criteria(): Dsm5Criteria {
  return parseDsm5Criteria(JSON.stringify(shipped), "lib/data/dsm5_mdd_criteria.json");
}

/**
 * Parses and validates a criteria JSON text; `file` names it in errors.
 *
 * @example
 * ```ts
 * import { parseDsm5Criteria } from "./dsm5_criteria.ts";
 * import { throws } from "node:assert/strict";
 * throws(() => parseDsm5Criteria('{"diagnosis": "x"}', "c.json"), /criteria/);
 * ```
 */
export function parseDsm5Criteria(text: string, file: string): Dsm5Criteria {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new DataError(`Cannot parse a criteria file: ${(cause as Error).message}`, { file }, {
      cause,
    });
  }
  const obj = raw as { diagnosis?: unknown; criteria?: unknown };
  if (typeof obj !== "object" || obj === null || typeof obj.diagnosis !== "string") {
    throw new DataError('Cannot read a criteria file: "diagnosis" is not a string', {
      file,
      key: "diagnosis",
    });
  }
  if (!Array.isArray(obj.criteria) || obj.criteria.length === 0) {
    throw new DataError('Cannot read a criteria file: "criteria" is not a non-empty array', {
      file,
      key: "criteria",
    });
  }
  const seen = new Set<string>();
  const criteria = obj.criteria.map((c: unknown, i: number): Dsm5Criterion => {
    const item = c as { id?: unknown; text?: unknown };
    if (typeof item?.id !== "string" || typeof item.text !== "string" || item.text.trim() === "") {
      throw new DataError("Cannot read a criterion: expected {id: string, text: string}", {
        file,
        key: `criteria[${i}]`,
      });
    }
    if (seen.has(item.id)) {
      throw new DataError(`Cannot read a criterion: id "${item.id}" appears twice`, {
        file,
        key: `criteria[${i}].id`,
      });
    }
    seen.add(item.id);
    return { id: item.id, text: item.text };
  });
  return { diagnosis: obj.diagnosis, criteria };
}

/** Reads a criteria file, or returns the shipped MDD criteria when `path` is `null`. */
export async function readDsm5Criteria(path: string | null): Promise<Dsm5Criteria> {
  if (path === null) return shippedDsm5Criteria();
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new DataError(
      `Cannot read a criteria file: ${(cause as Error).message}`,
      { file: path },
      {
        cause,
      },
    );
  }
  return parseDsm5Criteria(text, path);
}

/**
 * The criteria a task classifies under a SPECIAL_CASE policy, in id order (A.1…A.9, then A.10
 * under the `A.10` policy, with a default text if the file has none). A file lacking one of
 * A.1–A.9 is a {@link DataError}; extra ids are ignored.
 *
 * @example
 * ```ts
 * import { criteriaForPolicy, shippedDsm5Criteria } from "./dsm5_criteria.ts";
 * import { deepEqual } from "node:assert/strict";
 * const ids = criteriaForPolicy(shippedDsm5Criteria(), "A.10", "c.json").map((c) => c.id);
 * deepEqual(ids.at(-1), "A.10");
 * ```
 */
export function criteriaForPolicy(
  criteria: Dsm5Criteria,
  policy: SpecialCasePolicy,
  file: string,
): readonly Dsm5Criterion[] {
  const byId = new Map(criteria.criteria.map((c) => [c.id, c]));
  return criterionIdsForPolicy(policy).map((id) => {
    const found = byId.get(id);
    if (found) return found;
    if (id === SPECIAL_CASE_CRITERION_ID) return { id, text: SPECIAL_CASE_CRITERION_TEXT };
    throw new DataError(`Cannot use the criteria file: criterion "${id}" is missing`, {
      file,
      key: "criteria",
    });
  });
}
