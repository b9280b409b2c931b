/**
 * Writes a config back as YAML (like Hydra's `--cfg job`).
 *
 * @module
 */
import { Document, parse, visit } from "yaml";
import type { ConfigNode } from "./config_tree.ts";

/** Whether a YAML 1.1 reader (PyYAML, so OmegaConf) would read `text`, written bare, as text. */
function plainIn11(text: string): boolean {
  try {
    return parse(text, { version: "1.1", logLevel: "error" }) === text;
  } catch {
    return false;
  }
}

/**
 * Block-style YAML in the config's own key order; strings that would read back as another type
 * (`"3"`, `"true"`, `"null"`, and for YAML 1.1 readers such as OmegaConf also `"yes"`, `"on"`,
 * `"1_000"`, `"2023-01-01"`) are quoted, so `parse(configToYaml(c))` equals `c` in both versions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configToYaml } from "./config_to_yaml.ts";
 *
 * assert.equal(configToYaml({ a: 1, b: { c: "3", d: [8, 16] } }), 'a: 1\nb:\n  c: "3"\n  d:\n    - 8\n    - 16\n');
 * assert.equal(configToYaml({ flag: "yes" }), 'flag: "yes"\n');
 * ```
 */
export function configToYaml(config: ConfigNode): string {
  const doc = new Document(config, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && !plainIn11(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
