/**
 * OmegaConf-style interpolation over a composed tree: `${a.b}` (absolute; `${.x}` relative to
 * the containing mapping), `${now:%Y-%m-%d}` and `${env:NAME,default}` (alias `oc.env`).
 * A string that is exactly one interpolation takes the referenced value's type; interpolations
 * embedded in text produce a string. `\${` is a literal `${`.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";
import { type ConfigNode, type ConfigTree, isConfigTree } from "./config_tree.ts";
import { joinKeyPath, keyPaths, lookup, splitKeyPath } from "./_tree.ts";
import { didYouMean } from "./_suggest.ts";
import { strftime } from "./_strftime.ts";

/** What interpolation may read: environment variables and the clock (both passed in). */
export interface ResolveInterpolationsOptions {
  /** Values for `${env:NAME}`; default: none (so only defaults apply). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The instant for `${now:…}` (formatted in UTC); required only if the tree uses `now`. */
  readonly now?: Date;
}

type Piece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "interp"; readonly body: string; readonly source: string };

/** Splits text into literal runs and `${…}` bodies (nested braces balanced). */
function pieces(text: string, at: string): Piece[] {
  const out: Piece[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("\\${", i)) {
      literal += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text.startsWith("${", j)) {
          depth++;
          j += 2;
          continue;
        }
        if (text[j] === "}") depth--;
        j++;
      }
      if (depth > 0) {
        throw new ConfigError(`Cannot resolve "${text}" at "${at}": unclosed "\${"`, {
          keyPath: at,
        });
      }
      if (literal !== "") out.push({ kind: "text", text: literal });
      literal = "";
      out.push({ kind: "interp", body: text.slice(i + 2, j - 1), source: text.slice(i, j) });
      i = j;
    } else {
      literal += text[i++];
    }
  }
  if (literal !== "") out.push({ kind: "text", text: literal });
  return out;
}

function hasInterpolation(value: ConfigNode): value is string {
  return typeof value === "string" && value.includes("${");
}

interface Resolver {
  readonly root: ConfigTree;
  readonly options: ResolveInterpolationsOptions;
  readonly memo: Map<string, ConfigNode>;
  readonly stack: string[];
}

function resolvePath(r: Resolver, segments: readonly string[]): ConfigNode {
  const key = joinKeyPath(segments);
  if (r.memo.has(key)) return r.memo.get(key) ?? null;
  const index = r.stack.indexOf(key);
  if (index >= 0) {
    const cycle = [...r.stack.slice(index), key].join(" -> ");
    throw new ConfigError(`Cannot resolve interpolation: cycle ${cycle}`, { keyPath: key });
  }
  const found = lookup(r.root, segments);
  if (!found.found) throw new Error(`internal: "${key}" vanished`);
  r.stack.push(key);
  const value = resolveValue(r, found.value, segments);
  r.stack.pop();
  r.memo.set(key, value);
  return value;
}

function resolveValue(r: Resolver, value: ConfigNode, segments: readonly string[]): ConfigNode {
  if (hasInterpolation(value)) return resolveString(r, value, segments);
  if (Array.isArray(value)) return value.map((_, i) => resolvePath(r, [...segments, String(i)]));
  if (isConfigTree(value)) {
    const out: Record<string, ConfigNode> = {};
    for (const key of Object.keys(value)) out[key] = resolvePath(r, [...segments, key]);
    return out;
  }
  return value;
}

function resolveString(r: Resolver, text: string, at: readonly string[]): ConfigNode {
  const parts = pieces(text, joinKeyPath(at));
  const values = parts.map((p) => p.kind === "text" ? p.text : resolveBody(r, p, at));
  if (parts.length === 1 && parts[0].kind === "interp") return values[0];
  return values.map((v) => typeof v === "string" ? v : JSON.stringify(v)).join("");
}

/** Resolves nested `${…}` inside resolver arguments, then returns the text. */
function resolveText(r: Resolver, text: string, at: readonly string[]): string {
  const value = hasInterpolation(text) ? resolveString(r, text, at) : text;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function resolveBody(
  r: Resolver,
  piece: Piece & { kind: "interp" },
  at: readonly string[],
): ConfigNode {
  const where = joinKeyPath(at);
  const colon = /^([A-Za-z_][\w.]*):/.exec(piece.body);
  if (colon === null) return resolveReference(r, piece, at);
  const name = colon[1];
  const arg = piece.body.slice(colon[0].length);
  const fail = (why: string): ConfigError =>
    new ConfigError(`Cannot resolve "${piece.source}" at "${where}": ${why}`, { keyPath: where });
  if (name === "now") {
    if (r.options.now === undefined) throw fail("no clock was passed in (options.now)");
    try {
      return strftime(resolveText(r, arg, at), r.options.now);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw fail((error as Error).message);
    }
  }
  if (name === "env" || name === "oc.env") {
    const comma = arg.indexOf(",");
    const variable = (comma < 0 ? arg : arg.slice(0, comma)).trim();
    const value = r.options.env?.[variable];
    if (value !== undefined) return value;
    if (comma < 0) throw fail(`environment variable "${variable}" is not set and has no default`);
    const fallback = arg.slice(comma + 1).trim();
    if (fallback === "null") return null;
    // A quoted default is text without its quotes, as in OmegaConf (`'a,b'` → `a,b`).
    const quoted = /^(['"])(.*)\1$/s.exec(fallback);
    return resolveText(r, quoted === null ? fallback : quoted[2], at);
  }
  throw fail(`unknown resolver "${name}" (known: now, env, oc.env)`);
}

function resolveReference(
  r: Resolver,
  piece: Piece & { kind: "interp" },
  at: readonly string[],
): ConfigNode {
  const body = piece.body.trim();
  let segments: string[];
  if (body.startsWith(".")) {
    const ups = /^\.+/.exec(body)?.[0].length ?? 1;
    segments = [...at.slice(0, Math.max(0, at.length - ups)), ...splitKeyPath(body.slice(ups))];
  } else {
    segments = splitKeyPath(body);
  }
  if (segments.length === 0) {
    throw new ConfigError(`Cannot resolve "${piece.source}" at "${joinKeyPath(at)}": empty key`, {
      keyPath: joinKeyPath(at),
    });
  }
  // Walk the raw tree; only a node that is itself an interpolation is resolved on the way.
  let current: ConfigNode = r.root;
  let resolved = false;
  for (let i = 0; i < segments.length; i++) {
    const step = lookup(current, [segments[i]]);
    if (!step.found) {
      const where = joinKeyPath(at);
      const target = joinKeyPath(segments);
      // The key holding the reference, or a parent of it, would only make a cycle.
      const candidates = keyPaths(r.root).filter((p) =>
        p !== where && !where.startsWith(`${p}.`) && !where.startsWith(`${p}[`)
      );
      throw new ConfigError(
        `Cannot resolve "${piece.source}" at "${where}": key "${target}" does not exist` +
          didYouMean(target, candidates),
        { keyPath: where },
      );
    }
    if (!resolved && hasInterpolation(step.value)) {
      current = resolvePath(r, segments.slice(0, i + 1));
      resolved = true;
    } else {
      current = step.value;
    }
  }
  return resolved ? current : resolvePath(r, segments);
}

/**
 * Resolves every interpolation in `tree` and returns a new tree; cycles and missing keys are
 * {@link ConfigError}s naming the keys.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveInterpolations } from "./resolve_interpolations.ts";
 *
 * const tree = { seed: 42, training: { seed: "${seed}", tag: "run-${seed}" }, home: "${env:HOME,/tmp}" };
 * assert.deepEqual(resolveInterpolations(tree, { env: {} }), {
 *   seed: 42,
 *   training: { seed: 42, tag: "run-42" },
 *   home: "/tmp",
 * });
 * ```
 */
export function resolveInterpolations(
  tree: ConfigTree,
  options: ResolveInterpolationsOptions = {},
): ConfigTree {
  const r: Resolver = { root: tree, options, memo: new Map(), stack: [] };
  const out: Record<string, ConfigNode> = {};
  for (const key of Object.keys(tree)) out[key] = resolvePath(r, [key]);
  return out;
}
