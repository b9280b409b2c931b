/**
 * The public entry point: compose a config from a config directory, overrides, env and clock.
 *
 * @module
 */
import { join } from "node:path";
import { ConfigError } from "./config_error.ts";
import { type ConfigTree, isConfigTree } from "./config_tree.ts";
import { deepFreeze } from "./_tree.ts";
import { type ConfigOverride, parseOverride } from "./parse_override.ts";
import { composeDefaults, type GroupChange } from "./_compose_defaults.ts";
import { applyValueOverride } from "./_apply_override.ts";
import { resolveInterpolations } from "./resolve_interpolations.ts";

/** Inputs of {@link composeConfig}. */
export interface ComposeConfigOptions {
  /** Folder holding the primary config and the group folders (default `"configs"`). */
  readonly configDir?: string;
  /** Primary config file name without `.yaml` (default `"config"`). */
  readonly configName?: string;
  /** Command-line overrides in Hydra's grammar, applied in order. */
  readonly overrides?: readonly string[];
  /** Environment for `${env:…}` (pass `Deno.env.toObject()` from a task; default empty). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The clock for `${now:…}` (default: interpolating `now` is an error). */
  readonly now?: Date;
}

/** A composed, resolved config with the group choices and the overrides that made it. */
export interface ComposedConfig {
  /** The resolved config: plain, deeply frozen data. */
  readonly config: ConfigTree;
  /** Option chosen for each config group, e.g. `{ model: "bert_base", hpo: "stage0_sanity" }`. */
  readonly choices: Readonly<Record<string, string>>;
  /** The override tokens as given. */
  readonly overrides: readonly string[];
}

function isGroupKey(configDir: string, key: string): boolean {
  const at = key.indexOf("@");
  const group = at < 0 ? key : key.slice(0, at);
  if (at >= 0) return true;
  if (group.includes(".") || group.includes("[")) return false;
  try {
    return Deno.statSync(join(configDir, group)).isDirectory;
  } catch {
    return false;
  }
}

function groupChange(override: ConfigOverride): GroupChange {
  const value = override.value;
  if (value !== undefined && value !== null && typeof value === "object") {
    throw new ConfigError(
      `Cannot apply override "${override.token}": a config group option must be a name`,
      { keyPath: override.key },
    );
  }
  const option = value === undefined || value === null ? value : String(value);
  if (override.op !== "delete" && option === "") {
    throw new ConfigError(`Cannot apply override "${override.token}": the option is empty`, {
      keyPath: override.key,
    });
  }
  return { op: override.op, key: override.key.replace(/^\//, ""), option, token: override.token };
}

/**
 * Composes `configName` under `configDir` as Hydra 1.1 does: defaults lists (groups, nested
 * groups, `_self_`, `optional`, `override`, packages), then group and value overrides, then
 * interpolation. Without `_self_`, a config's own keys override its defaults (Hydra 1.1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { composeConfig } from "./compose_config.ts";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/db`);
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - db: mysql\n  - _self_\nname: app-${db.driver}\n");
 * Deno.writeTextFileSync(`${dir}/db/mysql.yaml`, "driver: mysql\nport: 3306\n");
 * Deno.writeTextFileSync(`${dir}/db/postgresql.yaml`, "driver: postgresql\nport: 5432\n");
 *
 * const { config, choices } = composeConfig({ configDir: dir, overrides: ["db=postgresql", "db.port=6543"] });
 * assert.deepEqual(config, { db: { driver: "postgresql", port: 6543 }, name: "app-postgresql" });
 * assert.deepEqual(choices, { db: "postgresql" });
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function composeConfig(options: ComposeConfigOptions = {}): ComposedConfig {
  const configDir = options.configDir ?? "configs";
  const configName = options.configName ?? "config";
  const tokens = options.overrides ?? [];
  const parsed = tokens.map(parseOverride);
  // As in Hydra, a mapping given for a group name is a value override merged into its content.
  const isGroup = (o: ConfigOverride): boolean =>
    isGroupKey(configDir, o.key) && !isConfigTree(o.value);
  const changes = parsed.filter(isGroup).map(groupChange);
  const composed = composeDefaults(configDir, { configName, changes });
  let tree = composed.tree;
  for (const override of parsed) {
    if (!isGroup(override)) tree = applyValueOverride(tree, override);
  }
  const config = resolveInterpolations(tree, { env: options.env ?? {}, now: options.now });
  return Object.freeze({
    config: deepFreeze(config),
    choices: Object.freeze({ ...composed.choices }),
    overrides: Object.freeze([...tokens]),
  });
}
