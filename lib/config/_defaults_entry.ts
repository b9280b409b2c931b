/**
 * One entry of a defaults list, in Hydra 1.1 syntax:
 * `_self_`, `path/to/config(@pkg)`, `[optional|override] group(@pkg): option|null|???`.
 *
 * @module
 */
import { ConfigError } from "./config_error.ts";

/** A parsed defaults-list entry. */
export type DefaultsEntry =
  | { readonly kind: "self" }
  | { readonly kind: "config"; readonly path: string; readonly package: string | undefined }
  | {
    readonly kind: "group";
    /** Group path as written (relative to the containing config unless it starts with `/`). */
    readonly group: string;
    readonly package: string | undefined;
    /** `null` = placeholder, `"???"` = must be chosen on the command line. */
    readonly option: string | null;
    readonly optional: boolean;
    readonly override: boolean;
  };

function splitPackage(text: string): { name: string; package: string | undefined } {
  const at = text.indexOf("@");
  return at < 0
    ? { name: text, package: undefined }
    : { name: text.slice(0, at), package: text.slice(at + 1) };
}

/** Parses one raw YAML entry of a `defaults:` list found in `file`. */
export function parseDefaultsEntry(raw: unknown, file: string): DefaultsEntry {
  const fail = (why: string): ConfigError =>
    new ConfigError(`Cannot read defaults list of "${file}": ${why}`, {
      file,
      keyPath: "defaults",
    });
  if (typeof raw === "string") {
    if (raw === "_self_") return { kind: "self" };
    const { name, package: pkg } = splitPackage(raw.trim());
    if (name === "") throw fail(`entry "${raw}" names no config`);
    return { kind: "config", path: name, package: pkg };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw fail(`entry ${JSON.stringify(raw)} is neither a string nor a one-key mapping`);
  }
  const pairs = Object.entries(raw);
  if (pairs.length !== 1) throw fail(`entry ${JSON.stringify(raw)} must have exactly one key`);
  const [key, option] = pairs[0];
  const words = key.trim().split(/\s+/);
  const keyword = words.length === 2 ? words[0] : undefined;
  if (
    words.length > 2 || (keyword !== undefined && keyword !== "optional" && keyword !== "override")
  ) {
    throw fail(`entry key "${key}" must be "[optional|override] group[@package]"`);
  }
  if (option !== null && typeof option !== "string") {
    const why = Array.isArray(option) ? "lists of options are not supported" : "must be a name";
    throw fail(`option of "${key}" ${why}`);
  }
  const { name, package: pkg } = splitPackage(words[words.length - 1]);
  return {
    kind: "group",
    group: name,
    package: pkg,
    option,
    optional: keyword === "optional",
    override: keyword === "override",
  };
}
