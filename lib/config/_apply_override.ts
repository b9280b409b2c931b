/**
 * Applies one value override (`a.b=v`, `+a.b=v`, `++a.b=v`, `~a.b`) to a composed tree.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import { type ConfigNode, type ConfigTree, isConfigTree } from "./config_tree.ts";
import { deepEqual, deleteAt, keyPaths, lookup, mergeNodes, setAt, splitKeyPath } from "./_tree.ts";
import { didYouMean } from "./_suggest.ts";
import type { ConfigOverride } from "./parse_override.ts";

function show(value: ConfigNode): string {
  return JSON.stringify(value);
}

function placed(tree: ConfigTree, segments: readonly string[], value: ConfigNode): ConfigNode {
  const found = lookup(tree, segments);
  return found.found ? mergeNodes(found.value, value) : value;
}

/** Returns a new tree with `override` applied; a missing or clashing key is a ConfigError. */
export function applyValueOverride(tree: ConfigTree, override: ConfigOverride): ConfigTree {
  const { key, token } = override;
  const segments = splitKeyPath(key);
  const found = lookup(tree, segments);
  const fail = (why: string): ConfigError =>
    new ConfigError(`Cannot apply override "${token}": ${why}`, { keyPath: key });
  const missing = (): ConfigError =>
    fail(`key "${key}" does not exist${didYouMean(key, keyPaths(tree))}`);
  let next: ConfigNode | undefined;
  switch (override.op) {
    case "set":
      if (!found.found) {
        throw fail(
          `key "${key}" does not exist${didYouMean(key, keyPaths(tree))}; ` +
            `to add a new key use +${token}`,
        );
      }
      next = setAt(tree, segments, placed(tree, segments, override.value));
      break;
    case "add":
      if (found.found) {
        throw fail(`key "${key}" already exists; change it with ${token.slice(1)}`);
      }
      next = setAt(tree, segments, override.value);
      break;
    case "force":
      next = setAt(tree, segments, placed(tree, segments, override.value));
      break;
    case "delete":
      if (!found.found) throw missing();
      if (override.value !== undefined && !deepEqual(found.value, override.value)) {
        throw fail(`"${key}" is ${show(found.value)}, not ${show(override.value)}`);
      }
      next = deleteAt(tree, segments);
      break;
  }
  if (next === undefined || !isConfigTree(next)) {
    throw fail(`a value on the way to "${key}" is not a mapping`);
  }
  return next;
}
