/**
 * The data room's one error type.
 *
 * @module
 */

/** Where a data error was found: a file, and within it a line and a column or a key. */
export interface DataErrorLocation {
  /** The file being read (as given by the caller), or `"<memory>"` for in-memory text. */
  readonly file: string;
  /** The 1-based line where the offending record starts, when there is one. */
  readonly line?: number;
  /** The column (CSV header name) at fault, when there is one. */
  readonly column?: string;
  /** The config or JSON key path at fault (e.g. `"data.split.train"`), when there is one. */
  readonly key?: string;
}

/**
 * A problem with input data that the loaders cannot repair: a missing column, an unknown symptom,
 * a bad status, an unbalanced quote, a post id with no post, bad split ratios… The message names
 * the file and line (and the column or key) so the user can find the offending record.
 *
 * @example
 * ```ts
 * import { DataError } from "./errors.ts";
 * import { deepEqual } from "node:assert/strict";
 * const e = new DataError("Cannot read a status: \"2\" is not 0 or 1", {
 *   file: "a.csv",
 *   line: 7,
 *   column: "status",
 * });
 * deepEqual(e.message, "a.csv:7 (column \"status\"): Cannot read a status: \"2\" is not 0 or 1");
 * deepEqual(e.line, 7);
 * ```
 */
export class DataError extends Error {
  /** The file being read. */
  readonly file: string;
  /** The 1-based line of the offending record, if known. */
  readonly line: number | undefined;
  /** The offending CSV column, if any. */
  readonly column: string | undefined;
  /** The offending config/JSON key path, if any. */
  readonly key: string | undefined;
  /** The message without the location prefix. */
  readonly reason: string;

  /** Builds the error; the location is prefixed to `message` as `file:line (column "c")`. */
  constructor(message: string, location: DataErrorLocation, options?: { cause?: unknown }) {
    super(`${formatLocation(location)}: ${message}`, options);
    this.name = "DataError";
    this.reason = message;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.key = location.key;
  }
}

function formatLocation(location: DataErrorLocation): string {
  let out = location.file;
  if (location.line !== undefined) out += `:${location.line}`;
  const parts: string[] = [];
  if (location.column !== undefined) parts.push(`column "${location.column}"`);
  if (location.key !== undefined) parts.push(`key "${location.key}"`);
  return parts.length > 0 ? `${out} (${parts.join(", ")})` : out;
}
