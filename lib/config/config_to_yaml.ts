/**
 * Writes a config back as YAML (like Hydra's `--cfg job`).
 *
 * @module
 */
import { stringify } from "yaml";
import type { ConfigNode } from "./config_tree.ts";

/**
 * Block-style YAML in the config's own key order; strings that would read back as another type
 * (`"3"`, `"true"`, `"null"`) are quoted, so `parse(configToYaml(c))` equals `c`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configToYaml } from "./config_to_yaml.ts";
 *
 * assert.equal(configToYaml({ a: 1, b: { c: "3", d: [8, 16] } }), 'a: 1\nb:\n  c: "3"\n  d:\n    - 8\n    - 16\n');
 * ```
 */
export function configToYaml(config: ConfigNode): string {
  return stringify(config, { lineWidth: 0, aliasDuplicateObjects: false });
}
