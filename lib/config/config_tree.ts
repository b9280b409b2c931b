/**
 * The shape of a composed config: plain, read-only, JSON-like data.
 *
 * @module
 */

/** One value inside a config: a scalar, a list or a nested {@link ConfigTree}. */
export type ConfigNode =
  | null
  | boolean
  | number
  | string
  | readonly ConfigNode[]
  | ConfigTree;

/** A config mapping: string keys to {@link ConfigNode} values, read-only. */
export type ConfigTree = { readonly [key: string]: ConfigNode };

/**
 * Tells whether a config value is a mapping (and not a list or a scalar).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isConfigTree } from "./config_tree.ts";
 *
 * assert.equal(isConfigTree({ a: 1 }), true);
 * assert.equal(isConfigTree([1, 2]), false);
 * assert.equal(isConfigTree(null), false);
 * ```
 */
export function isConfigTree(value: unknown): value is ConfigTree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
