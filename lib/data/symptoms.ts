/**
 * ReDSM5 symptom labels and their DSM-5 MDD criterion A items, with the SPECIAL_CASE policy.
 *
 * @module
 */

/** The nine ReDSM5 symptom labels that map onto DSM-5 MDD criteria A.1–A.9, in criterion order. */
export const DSM5_SYMPTOMS = [
  "DEPRESSED_MOOD",
  "ANHEDONIA",
  "APPETITE_CHANGE",
  "SLEEP_ISSUES",
  "PSYCHOMOTOR",
  "FATIGUE",
  "WORTHLESSNESS",
  "COGNITIVE_ISSUES",
  "SUICIDAL_THOUGHTS",
] as const;

/** A ReDSM5 symptom label: one of {@link DSM5_SYMPTOMS} or `SPECIAL_CASE`. */
export type Redsm5Symptom = (typeof DSM5_SYMPTOMS)[number] | "SPECIAL_CASE";

/** Every symptom label the loaders accept (after repairing known typos). */
export const REDSM5_SYMPTOMS: readonly Redsm5Symptom[] = [...DSM5_SYMPTOMS, "SPECIAL_CASE"];

/**
 * What to do with `SPECIAL_CASE` annotations, which are not a DSM-5 criterion: `drop` them
 * (default), or keep them as an extra criterion `A.10`.
 */
export type SpecialCasePolicy = "drop" | "A.10";

/** The criterion id given to `SPECIAL_CASE` under the `A.10` policy. */
export const SPECIAL_CASE_CRITERION_ID = "A.10";

/** The criterion text used for `A.10` when the criteria file does not carry one. */
export const SPECIAL_CASE_CRITERION_TEXT: string =
  "Other clinically relevant depressive presentation noted by the annotator that does not fit " +
  "criteria A.1 to A.9.";

/**
 * Checks a `data.special_case` config value.
 *
 * @example
 * ```ts
 * import { isSpecialCasePolicy } from "./symptoms.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(isSpecialCasePolicy("A.10"), true);
 * deepEqual(isSpecialCasePolicy("keep"), false);
 * ```
 */
export function isSpecialCasePolicy(value: unknown): value is SpecialCasePolicy {
  return value === "drop" || value === SPECIAL_CASE_CRITERION_ID;
}

/**
 * The criterion id for a symptom (`DEPRESSED_MOOD` → `A.1` … `SUICIDAL_THOUGHTS` → `A.9`), or
 * `undefined` for `SPECIAL_CASE` under the `drop` policy.
 *
 * @example
 * ```ts
 * import { criterionIdForSymptom } from "./symptoms.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(criterionIdForSymptom("SLEEP_ISSUES", "drop"), "A.4");
 * deepEqual(criterionIdForSymptom("SPECIAL_CASE", "drop"), undefined);
 * deepEqual(criterionIdForSymptom("SPECIAL_CASE", "A.10"), "A.10");
 * ```
 */
export function criterionIdForSymptom(
  symptom: Redsm5Symptom,
  policy: SpecialCasePolicy,
): string | undefined {
  if (symptom === "SPECIAL_CASE") return policy === "drop" ? undefined : SPECIAL_CASE_CRITERION_ID;
  return `A.${DSM5_SYMPTOMS.indexOf(symptom) + 1}`;
}

/**
 * The criterion ids a task classifies under a policy, in order: `A.1`…`A.9` (and `A.10`).
 *
 * @example
 * ```ts
 * import { criterionIdsForPolicy } from "./symptoms.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(criterionIdsForPolicy("A.10").length, 10);
 * ```
 */
export function criterionIdsForPolicy(policy: SpecialCasePolicy): readonly string[] {
  const ids = DSM5_SYMPTOMS.map((_, i) => `A.${i + 1}`);
  return policy === "drop" ? ids : [...ids, SPECIAL_CASE_CRITERION_ID];
}
