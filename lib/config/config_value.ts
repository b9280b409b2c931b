/**
 * Typed readers over a composed config: each names the key, the expected type and the value it
 * found when the config does not match.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import { type ConfigNode, type ConfigTree, isConfigTree } from "./config_tree.ts";
import { keyPaths, lookup, splitKeyPath } from "./_tree.ts";
import { didYouMean } from "./_suggest.ts";

/**
 * The value at a dotted path (`"training.scheduler.type"`; a key with dots goes in brackets).
 * A value still `???` (OmegaConf's mandatory marker) is an error, as reading it is in Hydra.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configValue } from "./config_value.ts";
 *
 * const config = { training: { scheduler: { type: "cosine" } } };
 * assert.equal(configValue(config, "training.scheduler.type"), "cosine");
 * assert.throws(() => configValue(config, "training.schedule"), /did you mean "training.scheduler"/);
 * ```
 */
export function configValue(config: ConfigTree, path: string): ConfigNode {
  const found = lookup(config, splitKeyPath(path));
  if (!found.found) {
    throw new ConfigError(
      `Cannot read config key "${path}": it does not exist${didYouMean(path, keyPaths(config))}`,
      { keyPath: path },
    );
  }
  if (found.value === "???") {
    throw new ConfigError(
      `Cannot read config key "${path}": it is mandatory ("???") and was not set;` +
        ` set it with ${path}=<value>`,
      { keyPath: path },
    );
  }
  return found.value;
}

function wrongType(path: string, expected: string, value: ConfigNode): ConfigError {
  return new ConfigError(
    `Cannot read config key "${path}" as ${expected}: found ${JSON.stringify(value)}`,
    { keyPath: path },
  );
}

/**
 * The string at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configString } from "./config_value.ts";
 *
 * assert.equal(configString({ model: { name: "bert-base-uncased" } }, "model.name"), "bert-base-uncased");
 * assert.throws(() => configString({ seed: 42 }, "seed"), /as a string: found 42/);
 * ```
 */
export function configString(config: ConfigTree, path: string): string {
  const value = configValue(config, path);
  if (typeof value !== "string") throw wrongType(path, "a string", value);
  return value;
}

/**
 * The number (not NaN) at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configNumber } from "./config_value.ts";
 *
 * assert.equal(configNumber({ training: { learning_rate: 2e-5 } }, "training.learning_rate"), 2e-5);
 * ```
 */
export function configNumber(config: ConfigTree, path: string): number {
  const value = configValue(config, path);
  if (typeof value !== "number" || Number.isNaN(value)) throw wrongType(path, "a number", value);
  return value;
}

/**
 * The integer at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configInt } from "./config_value.ts";
 *
 * assert.equal(configInt({ training: { epochs: 10 } }, "training.epochs"), 10);
 * assert.throws(() => configInt({ training: { epochs: 2.5 } }, "training.epochs"), /as an integer/);
 * ```
 */
export function configInt(config: ConfigTree, path: string): number {
  const value = configValue(config, path);
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw wrongType(path, "an integer", value);
  }
  return value;
}

/**
 * The boolean at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configBoolean } from "./config_value.ts";
 *
 * assert.equal(configBoolean({ model: { lora: { enabled: false } } }, "model.lora.enabled"), false);
 * ```
 */
export function configBoolean(config: ConfigTree, path: string): boolean {
  const value = configValue(config, path);
  if (typeof value !== "boolean") throw wrongType(path, "a boolean", value);
  return value;
}

/**
 * The mapping at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configSection } from "./config_value.ts";
 *
 * assert.deepEqual(configSection({ model: { head: { pooling: "cls" } } }, "model.head"), { pooling: "cls" });
 * ```
 */
export function configSection(config: ConfigTree, path: string): ConfigTree {
  const value = configValue(config, path);
  if (!isConfigTree(value)) throw wrongType(path, "a mapping", value);
  return value;
}

/**
 * The list at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configList } from "./config_value.ts";
 *
 * assert.deepEqual(configList({ optimizer: { betas: [0.9, 0.999] } }, "optimizer.betas"), [0.9, 0.999]);
 * ```
 */
export function configList(config: ConfigTree, path: string): readonly ConfigNode[] {
  const value = configValue(config, path);
  if (!Array.isArray(value)) throw wrongType(path, "a list", value);
  return value;
}

/**
 * Whether `path` exists in the config (its value may be `null`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configHas } from "./config_value.ts";
 *
 * assert.equal(configHas({ data: { synthetic: null } }, "data.synthetic"), true);
 * assert.equal(configHas({ data: {} }, "data.synthetic.n_posts"), false);
 * ```
 */
export function configHas(config: ConfigTree, path: string): boolean {
  return lookup(config, splitKeyPath(path)).found;
}
