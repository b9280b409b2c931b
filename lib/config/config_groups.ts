/**
 * Lists the config groups under a config directory and their options.
 *
 * @module
 */
import { join } from "node:path";
import { ConfigError } from "./config_error.ts";

/** One config group (a folder under the config directory) and its options (YAML files). */
export interface ConfigGroupOptions {
  /** Group path relative to the config directory, `/`-separated: `hpo`, `server/db`. */
  readonly group: string;
  /** Option names (file names without `.yaml`), sorted. */
  readonly options: readonly string[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function walk(root: string, relative: string, out: ConfigGroupOptions[]): void {
  const entries = [...Deno.readDirSync(join(root, relative))].sort((a, b) =>
    byName(a.name, b.name)
  );
  const options = entries
    .filter((e) => e.isFile && e.name.endsWith(".yaml"))
    .map((e) => e.name.slice(0, -".yaml".length));
  if (relative !== "" && options.length > 0) out.push({ group: relative, options });
  for (const entry of entries) {
    if (entry.isDirectory && !entry.name.startsWith(".")) {
      walk(root, relative === "" ? entry.name : `${relative}/${entry.name}`, out);
    }
  }
}

/**
 * Every config group under `configDir` (nested groups included), sorted by path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configGroupOptions } from "./config_groups.ts";
 *
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/db`);
 * Deno.writeTextFileSync(`${dir}/db/mysql.yaml`, "driver: mysql\n");
 * Deno.writeTextFileSync(`${dir}/db/postgresql.yaml`, "driver: postgresql\n");
 * assert.deepEqual(configGroupOptions(dir), [{ group: "db", options: ["mysql", "postgresql"] }]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function configGroupOptions(configDir: string): readonly ConfigGroupOptions[] {
  const out: ConfigGroupOptions[] = [];
  try {
    walk(configDir, "", out);
  } catch (error) {
    throw new ConfigError(
      `Cannot list config groups in "${configDir}": ${(error as Error).message}`,
      { file: configDir, cause: error },
    );
  }
  return out.sort((a, b) => byName(a.group, b.group));
}
