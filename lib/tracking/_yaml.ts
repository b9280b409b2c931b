/**
 * `meta.yaml` by hand (shared/mlflow-format.md §8): MLflow reads with PyYAML (YAML 1.1), so every
 * string is written double-quoted and pure ASCII, integers plain, `null` for null. Reading uses a
 * small flat-mapping parser (`_yaml_read.ts`) with integers as `bigint` (18-digit ids do not fit a
 * double).
 *
 * @module
 */
import { join } from "node:path";
import { TrackingError } from "./errors.ts";
import { parseFlatYaml } from "./_yaml_read.ts";

/** A value a `meta.yaml` field can hold when we write it. */
export type MetaValue = string | number | null | readonly [];

/** Quotes a string as a double-quoted, pure-ASCII YAML scalar. */
export function yamlString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\uFFFD"; // a lone surrogate has no UTF-8 form
    else if (cp <= 0xffff) out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    else out += "\\U" + cp.toString(16).toUpperCase().padStart(8, "0");
  }
  return out + '"';
}

/** Renders flat fields as block YAML with sorted keys, the way MLflow lays them out. */
export function renderMetaYaml(fields: Readonly<Record<string, MetaValue>>): string {
  const lines: string[] = [];
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    let text: string;
    if (value === null) text = "null";
    else if (typeof value === "string") text = yamlString(value);
    else if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) {
        throw new TrackingError(
          "value",
          `Cannot write meta.yaml: ${key} ${value} is not an integer`,
        );
      }
      text = String(value);
    } else text = "[]";
    lines.push(`${key}: ${text}\n`);
  }
  return lines.join("");
}

/** Parses a `meta.yaml` written by us or by MLflow into a plain record. */
export function parseMetaYaml(text: string, path: string): Readonly<Record<string, unknown>> {
  try {
    return parseFlatYaml(text);
  } catch (cause) {
    throw new TrackingError("format", `Cannot read ${path}: ${(cause as Error).message}`, {
      path,
      cause,
    });
  }
}

/** A field as a string: strings as they are, integers (legacy unquoted ids) as decimal text. */
export function metaString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number") return String(value);
  return undefined;
}

/** A field as an integer (milliseconds, status codes); quoted digits are accepted too. */
export function metaInt(value: unknown): number | undefined {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** Reads `<dir>/meta.yaml`; `undefined` when it is missing or empty (MLflow skips such folders). */
export function readMetaFile(dir: string): Readonly<Record<string, unknown>> | undefined {
  const path = join(dir, "meta.yaml");
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return text.trim() === "" ? undefined : parseMetaYaml(text, path);
}
