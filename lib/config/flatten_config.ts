/**
 * Flattens a config to dotted keys and string values, for logging as run parameters.
 *
 * @module
 */
import { type ConfigNode, type ConfigTree, isConfigTree } from "./config_tree.ts";

function text(value: ConfigNode): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

function walk(tree: ConfigTree, prefix: string, out: Record<string, string>): void {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (isConfigTree(value) && Object.keys(value).length > 0) walk(value, path, out);
    else out[path] = text(value);
  }
}

/**
 * Every leaf as `"a.b.c": "value"`: strings as they are, numbers, booleans and `null` as their
 * JSON text, lists (and empty mappings) as one JSON flow text. Keys are joined with `.` as they
 * are, so a key containing a dot (a search-space key such as `training.learning_rate`) reads on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flattenConfig } from "./flatten_config.ts";
 *
 * assert.deepEqual(flattenConfig({ training: { scheduler: { type: "cosine" }, betas: [0.9, 0.999] }, seed: 42 }), {
 *   "training.scheduler.type": "cosine",
 *   "training.betas": "[0.9,0.999]",
 *   seed: "42",
 * });
 * ```
 */
export function flattenConfig(config: ConfigTree): Record<string, string> {
  const out: Record<string, string> = {};
  walk(config, "", out);
  return out;
}
