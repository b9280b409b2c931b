/**
 * The inverse of `parseOverride`: writes a key and a value as an override token that
 * parses back to exactly that value (for best-config hand-off and `overrides.yaml`).
 *
 * @module
 */
import { type ConfigNode, isConfigTree } from "./config_tree.ts";
import { parsePrimitive } from "./_override_value.ts";

function quote(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function formatString(text: string, nested: boolean): string {
  const special = nested ? /[,[\]{}:'"\\]/ : /^['"[{]|,|\\/;
  const bare = text !== "" && text.trim() === text && !special.test(text) &&
    parsePrimitive(text) === text;
  return bare ? text : quote(text);
}

function formatValue(value: ConfigNode, nested: boolean): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "nan";
    if (Object.is(value, -0)) return "-0.0";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    return String(value);
  }
  if (typeof value === "string") return formatString(value, nested);
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v, true)).join(", ")}]`;
  if (isConfigTree(value)) {
    const pairs = Object.entries(value).map(([k, v]) =>
      `${formatString(k, true)}: ${formatValue(v, true)}`
    );
    return `{${pairs.join(", ")}}`;
  }
  return String(value);
}

/**
 * `key=value` where the value text parses back (with `parseOverride`) to `value`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatOverride } from "./format_override.ts";
 * import { parseOverride } from "./parse_override.ts";
 *
 * assert.equal(formatOverride("training.learning_rate", 3.2e-5), "training.learning_rate=0.000032");
 * assert.equal(formatOverride("model.name", "3"), "model.name='3'");
 * assert.equal(formatOverride("model.lora.target_modules", ["query", "value"]), "model.lora.target_modules=[query, value]");
 * assert.deepEqual(parseOverride(formatOverride("x", { a: "b,c" })).value, { a: "b,c" });
 * ```
 */
export function formatOverride(key: string, value: ConfigNode): string {
  return `${key}=${formatValue(value, false)}`;
}
