/**
 * Walks the defaults lists (Hydra 1.1 semantics) and merges the configs they name, in order, at
 * their packages. Group overrides from the command line (and `override` entries in defaults
 * lists) change options before each group is loaded; entries are expanded last-to-first, as Hydra
 * does, so an `override` in a later config reaches a group listed earlier.
 *
 * @module
 */
import { join } from "node:path";
import { ConfigError } from "./config_error.ts";
import type { ConfigTree } from "./config_tree.ts";
import { mergeTrees } from "./_tree.ts";
import { readConfigFile } from "./_config_file.ts";
import type { DefaultsEntry } from "./_defaults_entry.ts";
import { configGroupOptions } from "./config_groups.ts";
import { didYouMean } from "./_suggest.ts";
import {
  appendedEntry,
  dotted,
  expandPackage,
  type GroupChange,
  groupKey,
  joinGroup,
  type Loadable,
} from "./_packages.ts";

export type { GroupChange };

/** The merged tree and the option chosen for each group. */
export interface ComposedDefaults {
  readonly tree: ConfigTree;
  readonly choices: Readonly<Record<string, string>>;
}

/** A config to merge at a package, or the option chosen for a group (kept in order). */
type MergeItem =
  | { readonly kind: "content"; readonly package: string; readonly content: ConfigTree }
  | { readonly kind: "choice"; readonly key: string; readonly option: string };

interface State {
  readonly configDir: string;
  readonly changes: ReadonlyMap<string, GroupChange>;
  readonly fromFiles: Map<string, { option: string | null; file: string }>;
  readonly used: Set<string>;
  readonly appended: ReadonlySet<DefaultsEntry>;
  readonly loading: string[];
}

function fileOf(state: State, target: Loadable): string {
  return join(state.configDir, target.group, `${target.name}.yaml`);
}

function exists(file: string): boolean {
  try {
    return Deno.statSync(file).isFile;
  } catch {
    return false;
  }
}

function load(state: State, target: Loadable, extra: readonly DefaultsEntry[]): MergeItem[] {
  const file = fileOf(state, target);
  if (state.loading.includes(file)) {
    throw new ConfigError(
      `Cannot compose config: defaults lists form a cycle ${[...state.loading, file].join(" -> ")}`,
      { file },
    );
  }
  const parsed = readConfigFile(file);
  const header = parsed.packageHeader;
  const pkg = target.package ??
    (header === undefined ? dotted(target.group) : expandPackage(header, "", target));
  const own = parsed.defaults ?? [];
  if (own.filter((e) => e.kind === "self").length > 1) {
    throw new ConfigError(`Cannot compose config: "_self_" is listed twice in "${file}"`, {
      file,
      keyPath: "defaults",
    });
  }
  for (const entry of own) {
    if (entry.kind !== "group" || !entry.override) continue;
    const key = groupKey(target.group, entry);
    if (!state.changes.has(key) && !state.fromFiles.has(key)) {
      state.fromFiles.set(key, { option: entry.option, file });
    }
  }
  // Hydra 1.1: an implicit `_self_` ends the config's own list; `+group=option` entries come after.
  const ordered = own.filter((e) => !(e.kind === "group" && e.override));
  if (!ordered.some((e) => e.kind === "self")) ordered.push({ kind: "self" });
  ordered.push(...extra);
  state.loading.push(file);
  const parts: MergeItem[][] = [];
  for (const entry of [...ordered].reverse()) {
    parts.unshift(
      entry.kind === "self"
        ? [{ kind: "content", package: pkg, content: parsed.content }]
        : loadEntry(state, { entry, group: target.group, package: pkg, file }),
    );
  }
  state.loading.pop();
  return parts.flat();
}

interface EntryContext {
  readonly entry: DefaultsEntry & { kind: "config" | "group" };
  readonly group: string;
  readonly package: string;
  readonly file: string;
}

function loadEntry(state: State, ctx: EntryContext): MergeItem[] {
  const { entry } = ctx;
  if (entry.kind === "config") {
    const full = joinGroup(ctx.group, entry.path);
    const slash = full.lastIndexOf("/");
    const target = { group: slash < 0 ? "" : full.slice(0, slash), name: full.slice(slash + 1) };
    const pkg = entry.package === undefined
      ? undefined
      : expandPackage(entry.package, ctx.package, { ...target, package: undefined });
    if (!exists(fileOf(state, { ...target, package: pkg }))) {
      throw new ConfigError(
        `Cannot load config "${entry.path}" listed in "${ctx.file}": ` +
          `"${fileOf(state, { ...target, package: pkg })}" does not exist`,
        { file: ctx.file, keyPath: "defaults" },
      );
    }
    return load(state, { ...target, package: pkg }, []);
  }
  const group = joinGroup(ctx.group, entry.group);
  const key = groupKey(ctx.group, entry);
  const option = chooseOption(state, key, entry);
  if (option === null) return [];
  if (option === "???") {
    throw new ConfigError(
      `Cannot compose config: you must choose an option for group "${key}", e.g. ${key}=<option>` +
        ` (options: ${optionsOf(state, group).join(", ")})`,
      { keyPath: key, file: ctx.file },
    );
  }
  const target = { group, name: option, package: undefined };
  if (!exists(fileOf(state, target))) {
    const change = state.changes.get(key);
    if (entry.optional && change === undefined) return [];
    const options = optionsOf(state, group);
    const via = change === undefined ? `in "${ctx.file}"` : `from override "${change.token}"`;
    throw new ConfigError(
      `Cannot load option "${option}" of config group "${group}" ${via}: no such option` +
        `${didYouMean(option, options)}; options: ${options.join(", ") || "(none)"}`,
      { keyPath: key, file: ctx.file },
    );
  }
  const pkg = entry.package === undefined
    ? undefined
    : expandPackage(entry.package, ctx.package, target);
  return [{ kind: "choice", key, option }, ...load(state, { ...target, package: pkg }, [])];
}

function optionsOf(state: State, group: string): string[] {
  return configGroupOptions(state.configDir).find((g) => g.group === group)?.options.slice() ??
    [];
}

/** Applies command-line changes and `override` entries to one group entry's option. */
function chooseOption(
  state: State,
  key: string,
  entry: DefaultsEntry & { kind: "group" },
): string | null {
  const change = state.changes.get(key);
  if (change !== undefined) {
    if (change.op === "add" && !state.appended.has(entry)) {
      throw new ConfigError(
        `Cannot apply override "${change.token}": group "${key}" is already in the defaults list` +
          ` (switch it with ${key}=${change.option})`,
        { keyPath: key },
      );
    }
    if (change.op === "delete") {
      if (change.option !== undefined && change.option !== currentOption(state, key, entry)) {
        return currentOption(state, key, entry);
      }
      state.used.add(key);
      return null;
    }
    state.used.add(key);
    return change.option ?? null;
  }
  return currentOption(state, key, entry);
}

function currentOption(
  state: State,
  key: string,
  entry: DefaultsEntry & { kind: "group" },
): string | null {
  const fromFile = state.fromFiles.get(key);
  if (fromFile !== undefined) {
    state.used.add(`override:${key}`);
    return fromFile.option;
  }
  return entry.option;
}

/** Composes the primary config `configName` and its defaults tree under `configDir`. */
export function composeDefaults(
  configDir: string,
  options: { readonly configName: string; readonly changes: readonly GroupChange[] },
): ComposedDefaults {
  let changes = new Map(options.changes.map((c) => [c.key, c]));
  for (let attempt = 0;; attempt++) {
    const extra = [...changes.values()].filter((c) => c.op === "add").map(appendedEntry);
    const state: State = {
      configDir,
      changes,
      fromFiles: new Map(),
      used: new Set(),
      appended: new Set(extra),
      loading: [],
    };
    const items = load(state, { group: "", name: options.configName, package: "" }, extra);
    const unusedForce = [...changes.values()].filter((c) =>
      c.op === "force" && !state.used.has(c.key)
    );
    if (unusedForce.length > 0 && attempt === 0) {
      changes = new Map(
        [...changes].map(([k, c]) => [k, unusedForce.includes(c) ? { ...c, op: "add" } : c]),
      );
      continue;
    }
    const choices: Record<string, string> = {};
    for (const item of items) if (item.kind === "choice") choices[item.key] = item.option;
    checkAllUsed(state, Object.keys(choices));
    let tree: ConfigTree = {};
    for (const item of items) {
      if (item.kind === "choice") continue;
      const placed = item.package.split(".").filter((s) => s !== "").reduceRight<ConfigTree>(
        (inner, segment) => ({ [segment]: inner }),
        item.content,
      );
      tree = mergeTrees(tree, placed);
    }
    return { tree, choices };
  }
}

function checkAllUsed(state: State, known: readonly string[]): void {
  for (const change of state.changes.values()) {
    if (state.used.has(change.key)) continue;
    const why = change.op === "delete"
      ? `no entry "${change.key}"${
        change.option === undefined ? "" : ` with option "${change.option}"`
      } in the defaults list`
      : `group "${change.key}" is not in the defaults list${didYouMean(change.key, known)}` +
        ` (to add it use +${change.key}=${change.option})`;
    throw new ConfigError(`Cannot apply override "${change.token}": ${why}`, {
      keyPath: change.key,
    });
  }
  for (const [key, { file, option }] of state.fromFiles) {
    if (state.used.has(`override:${key}`)) continue;
    throw new ConfigError(
      `Cannot apply "override ${key}: ${option}" in "${file}": group "${key}" is not in the` +
        " defaults list",
      { keyPath: key, file },
    );
  }
}
