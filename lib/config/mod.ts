/**
 * Room `config`: a Hydra-style composer (Hydra 1.1 semantics, our own implementation).
 *
 * - **Defaults lists.** The primary `configs/config.yaml` lists config groups (folders) in
 *   `defaults:`; entries are `group: option`, `optional group: option`, `override group: option`,
 *   `group@package: option`, `path/to/config`, `_self_`, and options `null` (skip unless chosen)
 *   or `???` (must be chosen). Group files may have defaults lists too (nested groups such as
 *   `server/db`, or `- default` to extend a sibling). Configs merge in list order, later wins;
 *   where `_self_` sits decides whether a config's own keys beat its defaults. Without `_self_`
 *   it is implicitly last (Hydra 1.1: the config overrides its defaults).
 * - **Packages.** Content lands at its group path (`model/x.yaml` → `model`), unless a
 *   `# @package` header (absolute; `_global_` = root) or a `@package` in the defaults list
 *   (relative to the including config; `_here_`, `_global_`) says otherwise.
 * - **Overrides** (applied after composition, in order): `group=option` switches a group,
 *   `+group=option` adds one, `~group` removes one; `a.b=v` changes an existing key (else a
 *   ConfigError with "did you mean"), `+a.b=v` adds, `++a.b=v` adds or changes, `~a.b[=v]`
 *   deletes. Values are YAML-like: `3e-5`, `null`, `true`, `[8,16]`, `{a:1}`; quotes keep
 *   strings (`x='3'`).
 * - **Interpolation** last: `${a.b}` (type kept when it is the whole string), `${.sibling}`,
 *   `${now:%Y-%m-%d_%H-%M-%S}` (UTC, clock passed in), `${env:NAME,default}` (env passed in).
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
export { formatOverride } from "./format_override.ts";
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
  configHas,
  configInt,
  configList,
  configNumber,
  configSection,
  configString,
  configValue,
} from "./config_value.ts";
export { createRunDir, type CreateRunDirOptions } from "./create_run_dir.ts";
