/**
 * Room `config`: a Hydra-style composer. A primary `configs/config.yaml` lists config groups in
 * its `defaults:`; command-line overrides switch groups and change, add or delete keys; `${…}`
 * interpolations are resolved last. Typed readers, a stable hash, a flattener for run params and
 * a run folder complete it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composeConfig, configString } from "./mod.ts";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/model`);
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - model: small\n  - _self_\nseed: 1\n");
 * Deno.writeTextFileSync(`${dir}/model/small.yaml`, "name: small\n");
 * const { config } = composeConfig({ configDir: dir, overrides: ["seed=2"] });
 * assert.equal(configString(config, "model.name"), "small");
 * assert.equal(config.seed, 2);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 *
 * @module
 */
export type { ConfigNode, ConfigTree } from "./config_tree.ts";
export { isConfigTree } from "./config_tree.ts";
export { ConfigError, type ConfigErrorOptions } from "./config_error.ts";
export { type ConfigOverride, parseOverride } from "./parse_override.ts";
export { composeConfig, type ComposeConfigOptions, type ComposedConfig } from "./compose_config.ts";
export {
  resolveInterpolations,
  type ResolveInterpolationsOptions,
} from "./resolve_interpolations.ts";
export { type ConfigGroupOptions, configGroupOptions } from "./config_groups.ts";
export { canonicalConfigJson, configHash } from "./config_hash.ts";
export { flattenConfig } from "./flatten_config.ts";
export { configToYaml } from "./config_to_yaml.ts";
export {
  configBoolean,
  configInt,
  configList,
  configNumber,
  configSection,
  configString,
  configValue,
} from "./config_value.ts";
export { createRunDir, type CreateRunDirOptions } from "./create_run_dir.ts";
