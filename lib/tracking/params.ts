/**
 * Flattening a nested config into MLflow params (`training.learning_rate` → `0.00002`).
 *
 * @module
 */
import { TrackingError } from "./errors.ts";

/** A value {@link flattenMlflowParams} accepts: plain data as it comes out of YAML or JSON. */
export type MlflowParamInput =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | readonly MlflowParamInput[]
  | { readonly [key: string]: MlflowParamInput };

function isList(value: MlflowParamInput): value is readonly MlflowParamInput[] {
  return Array.isArray(value);
}

/**
 * Flattens nested plain objects into dot-joined keys; arrays become JSON text, `null` and
 * `undefined` the empty string, everything else `String(value)`. Empty objects are dropped. A
 * dotted key that collides with a nested one (`{"a.b": 1, a: {b: 2}}`) with a different value is
 * a `param-conflict` error rather than a silently dropped value.
 *
 * @example
 * ```ts
 * import { flattenMlflowParams } from "./params.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(flattenMlflowParams({ training: { lr: 2e-5, epochs: 3 }, tags: ["a", "b"], seed: 42 }), {
 *   "training.lr": "0.00002",
 *   "training.epochs": "3",
 *   tags: '["a","b"]',
 *   seed: "42",
 * });
 * ```
 */
export function flattenMlflowParams(
  config: { readonly [key: string]: MlflowParamInput },
  prefix = "",
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (path: string, text: string): void => {
    if (Object.hasOwn(out, path) && out[path] !== text) {
      throw new TrackingError(
        "param-conflict",
        `Cannot flatten params: key ${JSON.stringify(path)} is given twice, as ` +
          `${JSON.stringify(out[path])} and ${
            JSON.stringify(text)
          } (a dotted key and a nested one)`,
        { key: path },
      );
    }
    out[path] = text;
  };
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined) put(path, "");
    else if (isList(value)) {
      put(path, JSON.stringify(value, (_k, v) => typeof v === "bigint" ? String(v) : v));
    } else if (typeof value === "object") {
      for (const [k, text] of Object.entries(flattenMlflowParams(value, path))) put(k, text);
    } else put(path, String(value));
  }
  return out;
}
