/**
 * Group paths, override keys and packages of defaults-list entries (Hydra 1.1 rules): a group
 * path is relative to the containing config unless it starts with `/`; a package given in a
 * defaults list is relative to the containing config's package (`_global_` and `_here_` anchor
 * it); a `# @package` header is absolute; the default package is the group path with dots.
 *
 * @module
 */
import type { DefaultsEntry } from "./_defaults_entry.ts";

/** A command-line change to the defaults list. `option: undefined` = `~group` (any option). */
export interface GroupChange {
  readonly op: "set" | "add" | "force" | "delete";
  /** Absolute group path, with `@package` when the entry has one: `db`, `server/db`, `db@src`. */
  readonly key: string;
  readonly option: string | null | undefined;
  readonly token: string;
}

/** A config file to load: its group, its name and the package the defaults list fixed. */
export interface Loadable {
  /** Absolute group of the config file ("" for the config root). */
  readonly group: string;
  readonly name: string;
  /** Absolute package fixed by the defaults list, if it fixed one. */
  readonly package: string | undefined;
}

/** `server/db` → `server.db`. */
export function dotted(group: string): string {
  return group.split("/").filter((s) => s !== "").join(".");
}

/** Resolves a group path written in a config of group `parent`. */
export function joinGroup(parent: string, child: string): string {
  if (child.startsWith("/")) return child.slice(1);
  return parent === "" ? child : `${parent}/${child}`;
}

/** Resolves a package spec (`_global_`, `_here_`, `_group_`, `_name_`, literals) against `base`. */
export function expandPackage(spec: string, base: string, target: Loadable): string {
  const parts: string[] = [];
  spec.split(".").forEach((part, i) => {
    if (part === "_global_" && i === 0) return;
    if (part === "_here_" && i === 0) parts.push(...base.split(".").filter((s) => s !== ""));
    else if (part === "_group_") parts.push(...dotted(target.group).split(".").filter(Boolean));
    else if (part === "_name_") parts.push(target.name);
    else if (part !== "") parts.push(part);
  });
  const absolute = spec.startsWith("_global_") || spec.startsWith("_here_");
  const prefix = absolute || base === "" ? [] : [base];
  return [...prefix, ...parts].join(".");
}

/** The key that command-line overrides use for a group entry: `server/db`, `db@src`. */
export function groupKey(parentGroup: string, entry: DefaultsEntry & { kind: "group" }): string {
  const group = joinGroup(parentGroup, entry.group);
  return entry.package === undefined ? group : `${group}@${entry.package}`;
}

/** The defaults entry that `+group=option` appends to the primary config. */
export function appendedEntry(change: GroupChange): DefaultsEntry {
  const at = change.key.indexOf("@");
  return {
    kind: "group",
    group: `/${at < 0 ? change.key : change.key.slice(0, at)}`,
    package: at < 0 ? undefined : change.key.slice(at + 1),
    option: change.option ?? null,
    optional: false,
    override: false,
  };
}
