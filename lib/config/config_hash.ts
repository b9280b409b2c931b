/**
 * A content hash of a config that ignores key order.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { type ConfigNode, isConfigTree } from "./config_tree.ts";

/**
 * Canonical JSON: mapping keys sorted (by UTF-16 code units), no whitespace; non-finite numbers
 * are written as the strings `"Infinity"`, `"-Infinity"`, `"NaN"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalConfigJson } from "./config_hash.ts";
 *
 * assert.equal(canonicalConfigJson({ b: 1, a: [true, null] }), '{"a":[true,null],"b":1}');
 * ```
 */
export function canonicalConfigJson(value: ConfigNode): string {
  if (typeof value === "number" && !Number.isFinite(value)) return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(canonicalConfigJson).join(",")}]`;
  if (isConfigTree(value)) {
    const keys = Object.keys(value).sort();
    return `{${
      keys.map((k) => `${JSON.stringify(k)}:${canonicalConfigJson(value[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) of {@link canonicalConfigJson}: equal configs hash equal whatever their key order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configHash } from "./config_hash.ts";
 *
 * assert.equal(configHash({ a: 1, b: { c: 2, d: 3 } }), configHash({ b: { d: 3, c: 2 }, a: 1 }));
 * assert.notEqual(configHash({ a: 1 }), configHash({ a: 2 }));
 * assert.match(configHash({}), /^[0-9a-f]{64}$/);
 * ```
 */
export function configHash(config: ConfigNode): string {
  return createHash("sha256").update(canonicalConfigJson(config)).digest("hex");
}
