/**
 * Pure helpers over config trees: dotted paths, lookup, immutable set/delete, merge, freeze.
 *
 * @module
 */
import { type ConfigNode, type ConfigTree, isConfigTree } from "./config_tree.ts";

/**
 * `"a.b.c"` → `["a", "b", "c"]`; `""` → `[]`. A key that itself contains dots is written in
 * brackets: `"hpo.search_space[training.learning_rate].low"`.
 */
export function splitKeyPath(path: string): string[] {
  const segments: string[] = [];
  let current = "";
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    const close = c === "[" ? path.indexOf("]", i) : -1;
    if (c === "[" && close > i) {
      if (current !== "") segments.push(current);
      segments.push(path.slice(i + 1, close));
      current = "";
      i = close + 1;
      if (path[i] === ".") i++;
    } else if (c === ".") {
      segments.push(current);
      current = "";
      i++;
    } else {
      current += c;
      i++;
    }
  }
  if (current !== "" || (path.endsWith(".") && path !== "")) segments.push(current);
  return segments;
}

/** The inverse of {@link splitKeyPath}: segments containing dots are bracketed. */
export function joinKeyPath(segments: readonly string[]): string {
  let path = "";
  for (const segment of segments) {
    if (segment.includes(".")) path += `[${segment}]`;
    else path += path === "" ? segment : `.${segment}`;
  }
  return path;
}

/** The result of {@link lookup}: the value, or how many segments matched before the miss. */
export type Lookup =
  | { readonly found: true; readonly value: ConfigNode }
  | { readonly found: false; readonly matched: number };

function child(node: ConfigNode, segment: string): { ok: boolean; value: ConfigNode } {
  if (isConfigTree(node)) {
    return Object.hasOwn(node, segment)
      ? { ok: true, value: node[segment] }
      : { ok: false, value: null };
  }
  if (Array.isArray(node) && /^\d+$/.test(segment)) {
    const index = Number(segment);
    return index < node.length ? { ok: true, value: node[index] } : { ok: false, value: null };
  }
  return { ok: false, value: null };
}

/** Walks `segments` down from `node` (list items by numeric segment). */
export function lookup(node: ConfigNode, segments: readonly string[]): Lookup {
  let current = node;
  for (let i = 0; i < segments.length; i++) {
    const next = child(current, segments[i]);
    if (!next.ok) return { found: false, matched: i };
    current = next.value;
  }
  return { found: true, value: current };
}

/**
 * A copy of `node` with `value` at `segments`, creating missing mappings on the way. Lists are
 * entered only at existing indices. Returns `undefined` when a scalar or list blocks the path.
 */
export function setAt(
  node: ConfigNode,
  segments: readonly string[],
  value: ConfigNode,
): ConfigNode | undefined {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (Array.isArray(node)) {
    const index = /^\d+$/.test(head) ? Number(head) : -1;
    if (index < 0 || index >= node.length) return undefined;
    const inner = setAt(node[index], rest, value);
    if (inner === undefined) return undefined;
    return node.map((item, i) => (i === index ? inner : item));
  }
  if (!isConfigTree(node)) return undefined;
  const inner = setAt(Object.hasOwn(node, head) ? node[head] : {}, rest, value);
  if (inner === undefined) return undefined;
  return { ...node, [head]: inner };
}

/** A copy of `node` without the key at `segments` (which must exist). */
export function deleteAt(node: ConfigNode, segments: readonly string[]): ConfigNode {
  if (segments.length === 0) return node;
  const [head, ...rest] = segments;
  if (Array.isArray(node)) {
    const index = Number(head);
    if (rest.length === 0) return node.filter((_, i) => i !== index);
    return node.map((item, i) => (i === index ? deleteAt(item, rest) : item));
  }
  if (!isConfigTree(node) || !Object.hasOwn(node, head)) return node;
  if (rest.length === 0) {
    const { [head]: _removed, ...kept } = node;
    return kept;
  }
  return { ...node, [head]: deleteAt(node[head], rest) };
}

/** OmegaConf-style merge: mappings merge key by key, anything else is replaced by `over`. */
export function mergeNodes(base: ConfigNode, over: ConfigNode): ConfigNode {
  return isConfigTree(base) && isConfigTree(over) ? mergeTrees(base, over) : over;
}

/** {@link mergeNodes} for two mappings. */
export function mergeTrees(base: ConfigTree, over: ConfigTree): ConfigTree {
  const merged: Record<string, ConfigNode> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    merged[key] = Object.hasOwn(base, key) ? mergeNodes(base[key], value) : value;
  }
  return merged;
}

/** Every dotted key path in `tree`, parents before children (list items are not listed). */
export function keyPaths(tree: ConfigTree, prefix: readonly string[] = []): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const segments = [...prefix, key];
    paths.push(joinKeyPath(segments));
    if (isConfigTree(value)) paths.push(...keyPaths(value, segments));
  }
  return paths;
}

/** Structural equality of two config values (key order ignored). */
export function deepEqual(a: ConfigNode, b: ConfigNode): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isConfigTree(a) && isConfigTree(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}

/** Freezes a freshly built value and everything inside it; returns it. */
export function deepFreeze<T extends ConfigNode>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Converts parsed YAML into a config value, or names the first thing that is not JSON-like. */
export function toConfigNode(value: unknown, path: string): ConfigNode {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.map((item, i) => toConfigNode(item, `${path}.${i}`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, ConfigNode> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = toConfigNode(item, path === "" ? key : `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`unsupported value of type ${typeof value} at "${path}"`);
}
