/**
 * Key and value rules of MLflow's file store (shared/mlflow-format.md §6–§7): a key becomes a file
 * path under `metrics/`, `params/` or `tags/`, and MLflow re-validates every name it reads, so one
 * bad key would make the whole experiment unreadable in the UI.
 *
 * @module
 */
import { TrackingError } from "./errors.ts";

/** Which kind of entity a key names. */
export type MlflowEntityKind = "metric" | "param" | "tag";

/** MLflow's current limits (3.x): key length, param and tag value length, experiment name. */
export const MLFLOW_LIMITS: {
  readonly keyChars: number;
  readonly paramValueChars: number;
  readonly tagValueChars: number;
  readonly experimentTagValueChars: number;
  readonly experimentNameChars: number;
} = Object.freeze({
  keyChars: 250,
  paramValueChars: 6000,
  tagValueChars: 8000,
  experimentTagValueChars: 5000,
  experimentNameChars: 500,
});

// Python's Unicode `\w` (letters, numbers, `_`) plus `/`, `.`, `-` and space. `:` is left out on
// purpose: MLflow before 2.16 refuses it.
const KEY_CHARS = /^[\p{L}\p{N}_/. \-]*$/u;
const encoder = new TextEncoder();

/**
 * Checks a metric, param or tag key against MLflow's rules and throws a {@link TrackingError} of
 * kind `"key"` naming the key when it breaks one: characters outside letters, digits, `_ / . -`
 * and space; more than 250 characters; a path that `posixpath.normpath` would change (empty, a
 * leading or trailing `/`, `//`, a `.` or `..` segment); a segment longer than 255 UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { validateMlflowKey } from "./keys.ts";
 * import { throws } from "node:assert/strict";
 * validateMlflowKey("train/loss", "metric");
 * throws(() => validateMlflowKey("loss@1", "metric"), /loss@1/);
 * ```
 */
export function validateMlflowKey(key: string, kind: MlflowEntityKind): void {
  const fail = (why: string): never => {
    throw new TrackingError("key", `Cannot use ${kind} key ${JSON.stringify(key)}: ${why}`, {
      key,
    });
  };
  if (typeof key !== "string" || key.length === 0) fail("a key must be a non-empty string");
  if (key.length > MLFLOW_LIMITS.keyChars) {
    fail(`it has ${key.length} characters, more than ${MLFLOW_LIMITS.keyChars}`);
  }
  if (!KEY_CHARS.test(key)) {
    fail("only letters, digits, '_', '/', '.', '-' and space are allowed");
  }
  if (key.startsWith("/") || key.endsWith("/")) fail("it starts or ends with '/'");
  for (const segment of key.split("/")) {
    if (segment === "") fail("it contains '//'");
    if (segment === "." || segment === "..") fail(`it has a ${JSON.stringify(segment)} segment`);
    if (encoder.encode(segment).length > 255) fail("a segment is longer than 255 bytes");
  }
}

/**
 * Turns a param or tag value into the text MLflow stores (`null`/`undefined` → `""`, others
 * `String(value)`) and throws a {@link TrackingError} of kind `"value"` when it is longer than
 * MLflow's limit for that kind (6000 characters for params, 8000 for tags) rather than truncating
 * it silently.
 *
 * @example
 * ```ts
 * import { mlflowValueText } from "./keys.ts";
 * import { equal } from "node:assert/strict";
 * equal(mlflowValueText("lr", 0.01, "param"), "0.01");
 * equal(mlflowValueText("note", null, "tag"), "");
 * ```
 */
export function mlflowValueText(
  key: string,
  value: string | number | boolean | bigint | null | undefined,
  kind: "param" | "tag",
): string {
  const type = typeof value;
  if (
    value !== null && value !== undefined && type !== "string" && type !== "number" &&
    type !== "boolean" && type !== "bigint"
  ) {
    throw new TrackingError(
      "value",
      `Cannot log ${kind} ${JSON.stringify(key)}: a ${type} is not a string, number or boolean`,
      { key },
    );
  }
  const text = value === null || value === undefined ? "" : String(value);
  const limit = kind === "param" ? MLFLOW_LIMITS.paramValueChars : MLFLOW_LIMITS.tagValueChars;
  if (text.length > limit) {
    throw new TrackingError(
      "value",
      `Cannot log ${kind} ${JSON.stringify(key)}: its value has ${text.length} characters, ` +
        `more than MLflow's limit of ${limit}`,
      { key },
    );
  }
  return text;
}
