/**
 * Reads one YAML config file: its content, its defaults list and its `# @package` header.
 *
 * @module
 */
import { parse } from "yaml";
import { ConfigError } from "./config_error.ts";
import { type ConfigTree, isConfigTree } from "./config_tree.ts";
import { toConfigNode } from "./_tree.ts";
import { type DefaultsEntry, parseDefaultsEntry } from "./_defaults_entry.ts";

/** A loaded config file, its `defaults:` list taken out of the content. */
export interface ConfigFile {
  readonly file: string;
  readonly content: ConfigTree;
  /** `undefined` when the file has no `defaults:` key. */
  readonly defaults: readonly DefaultsEntry[] | undefined;
  /** The `# @package X` header, if the file has one. */
  readonly packageHeader: string | undefined;
}

function readText(file: string): string {
  try {
    return Deno.readTextFileSync(file);
  } catch (error) {
    throw new ConfigError(`Cannot read config file "${file}": ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
}

function packageHeader(text: string): string | undefined {
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (!trimmed.startsWith("#")) return undefined;
    const match = /^#\s*@package\s+(\S+)\s*$/.exec(trimmed);
    if (match) return match[1];
  }
  return undefined;
}

/** Loads and validates `file`; every problem is a {@link ConfigError} naming the file. */
export function readConfigFile(file: string): ConfigFile {
  const text = readText(file);
  let parsed: unknown;
  try {
    parsed = toConfigNode(parse(text, { schema: "core" }), "");
  } catch (error) {
    throw new ConfigError(`Cannot parse config file "${file}": ${(error as Error).message}`, {
      file,
      cause: error,
    });
  }
  if (parsed === null) parsed = {};
  if (!isConfigTree(parsed)) {
    throw new ConfigError(`Cannot load config file "${file}": the top level must be a mapping`, {
      file,
    });
  }
  const { defaults, ...content } = parsed;
  if (defaults !== undefined && !Array.isArray(defaults)) {
    throw new ConfigError(`Cannot load config file "${file}": "defaults" must be a list`, {
      file,
      keyPath: "defaults",
    });
  }
  return {
    file,
    content,
    defaults: defaults?.map((entry: unknown) => parseDefaultsEntry(entry, file)),
    packageHeader: packageHeader(text),
  };
}
