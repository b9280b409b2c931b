/**
 * Command-line overrides in Hydra's grammar: `key=value`, `+key=value`, `++key=value`, `~key`,
 * `~key=value`. Whether a key names a config group or a value is decided by the composer.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import type { ConfigNode } from "./config_tree.ts";
import { OverrideValueError, parseOverrideValue } from "./_override_value.ts";

/**
 * One parsed override. `set` changes an existing key or group, `add` (`+`) adds a new one,
 * `force` (`++`) adds or changes, `delete` (`~`) removes (only if equal to `value`, when given).
 */
export type ConfigOverride =
  | { readonly op: "set"; readonly key: string; readonly value: ConfigNode; readonly token: string }
  | { readonly op: "add"; readonly key: string; readonly value: ConfigNode; readonly token: string }
  | {
    readonly op: "force";
    readonly key: string;
    readonly value: ConfigNode;
    readonly token: string;
  }
  | {
    readonly op: "delete";
    readonly key: string;
    readonly value?: ConfigNode;
    readonly token: string;
  };

const KEY = /^[A-Za-z0-9_\-/]+(@[A-Za-z0-9_.\-]*)?((\.[A-Za-z0-9_\-/]+)|(\[[^\]]+\]))*$/;

/**
 * Parses one override token such as `training.learning_rate=3e-5` or `~model.lora`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "./parse_override.ts";
 *
 * assert.deepEqual(parseOverride("training.learning_rate=3e-5"), {
 *   op: "set",
 *   key: "training.learning_rate",
 *   value: 3e-5,
 *   token: "training.learning_rate=3e-5",
 * });
 * assert.deepEqual(parseOverride("+db.timeout=[8,16]").value, [8, 16]);
 * assert.equal(parseOverride("name='3'").value, "3");
 * ```
 */
export function parseOverride(token: string): ConfigOverride {
  const prefix = token.startsWith("++")
    ? "++"
    : token.startsWith("+")
    ? "+"
    : token.startsWith("~")
    ? "~"
    : "";
  const body = token.slice(prefix.length);
  const eq = body.indexOf("=");
  const key = (eq < 0 ? body : body.slice(0, eq)).trim();
  const fail = (why: string): ConfigError =>
    new ConfigError(`Cannot parse override "${token}": ${why}`, { keyPath: key });
  if (eq < 0 && prefix !== "~") throw fail("expected key=value");
  if (key === "") throw fail('the key before "=" is empty');
  if (!KEY.test(key)) throw fail(`"${key}" is not a valid key (letters, digits, _ - / . @)`);
  let value: ConfigNode | undefined;
  if (eq >= 0) {
    try {
      value = parseOverrideValue(body.slice(eq + 1));
    } catch (error) {
      if (error instanceof OverrideValueError) throw fail(error.message);
      throw error;
    }
  }
  switch (prefix) {
    case "~":
      return value === undefined
        ? { op: "delete", key, token }
        : { op: "delete", key, value, token };
    case "+":
      return { op: "add", key, value: value ?? null, token };
    case "++":
      return { op: "force", key, value: value ?? null, token };
    default:
      return { op: "set", key, value: value ?? null, token };
  }
}
