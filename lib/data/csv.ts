/**
 * CSV in and out: reading goes through `csv-parse` (quoted fields, multi-line posts, BOM), with the
 * 1-based start line of every record kept for error messages; writing is a small RFC-4180 writer
 * (fields quoted when they hold a comma, quote, CR or LF; quotes doubled; LF line ends).
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import { DataError } from "./errors.ts";

/** One data record of a CSV table: its values by column name and the line where it starts. */
export interface CsvRecord {
  /** 1-based line number of the first line of this record in the file. */
  readonly line: number;
  /** The record's values, keyed by header name. */
  readonly values: Readonly<Record<string, string>>;
}

/** A parsed CSV table: the header row and the data records. */
export interface CsvTable {
  /** Column names in file order. */
  readonly header: readonly string[];
  /** Data records in file order (the header is not one of them). */
  readonly records: readonly CsvRecord[];
}

/** Options for {@link readCsvTable}. */
export interface ReadCsvTableOptions {
  /** The file name used in error messages. */
  readonly file: string;
  /** Columns that must be present in the header; a missing one is a {@link DataError}. */
  readonly requiredColumns?: readonly string[];
}

/**
 * Maps byte offsets (as `csv-parse` reports them, BOM included) to 1-based line numbers. Offsets
 * must be asked in increasing order. csv-parse's own `lines` count drifts on CRLF inside quoted
 * fields, so lines are counted here from the bytes: LF, CRLF and a bare CR each end a line.
 */
function lineCounter(text: string): (recordStartByte: number) => number {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let line = 1;
  return (offset) => {
    while (offset < bytes.length && (bytes[offset] === 0x0a || bytes[offset] === 0x0d)) offset++;
    for (; at < offset; at++) {
      if (bytes[at] === 0x0a || (bytes[at] === 0x0d && bytes[at + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/**
 * Parses CSV text with a header row (names trimmed; order free; extra columns kept). Every
 * record must have as many fields as the header; an unbalanced quote, a ragged record, a column
 * named twice or a missing required column is a {@link DataError} naming the file and line.
 *
 * @example
 * ```ts
 * import { readCsvTable } from "./csv.ts";
 * import { deepEqual } from "node:assert/strict";
 * const table = readCsvTable('post_id,text\np1,"two\nlines"\np2,one\n', { file: "posts.csv" });
 * deepEqual(table.records[1].values.post_id, "p2");
 * deepEqual(table.records[1].line, 4);
 * ```
 */
export function readCsvTable(text: string, options: ReadCsvTableOptions): CsvTable {
  const { file } = options;
  const lineAt = lineCounter(text);
  const startLines: number[] = [];
  let nextStart = 0;
  let parsed: string[][];
  try {
    parsed = parse(text, {
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
      on_record: (record: string[], context: { bytes: number }) => {
        startLines.push(lineAt(nextStart));
        nextStart = context.bytes;
        return record;
      },
    });
  } catch (cause) {
    throw csvParseError(cause, file, lineAt(nextStart));
  }
  if (parsed.length === 0) {
    throw new DataError("Cannot read a CSV table: the file has no header row", { file, line: 1 });
  }
  const header = parsed[0].map((h) => h.trim());
  const headerLine = startLines[0];
  const repeated = header.find((name, i) => header.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new DataError(
      `Cannot read a CSV table: the header names column "${repeated}" twice (header: ${
        header.map((h) => `"${h}"`).join(", ")
      })`,
      { file, line: headerLine, column: repeated },
    );
  }
  for (const column of options.requiredColumns ?? []) {
    if (!header.includes(column)) {
      throw new DataError(
        `Cannot read a CSV table: required column "${column}" is missing (header: ${
          header.map((h) => `"${h}"`).join(", ")
        })`,
        { file, line: headerLine, column },
      );
    }
  }
  const records = parsed.slice(1).map((record, i): CsvRecord => {
    const values: Record<string, string> = {};
    header.forEach((name, j) => (values[name] = record[j]));
    return { line: startLines[i + 1], values };
  });
  return { header, records };
}

function csvParseError(cause: unknown, file: string, recordStart: number): DataError {
  const code = (cause as { code?: unknown })?.code;
  // csv-parse's own line numbers drift after CRLF inside quoted fields: keep only ours.
  const message = (cause instanceof Error ? cause.message : String(cause))
    .replace(/,? (?:on|at) line \d+/g, "");
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    return new DataError(
      `Cannot parse CSV: a quote opened in the record starting here is never closed (${message})`,
      { file, line: recordStart },
      { cause },
    );
  }
  return new DataError(
    `Cannot parse CSV: the record starting here is malformed (${message})`,
    { file, line: recordStart },
    { cause },
  );
}

function quoteField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats a header and rows as RFC-4180 CSV text (LF line ends, final newline).
 *
 * @example
 * ```ts
 * import { formatCsv } from "./csv.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(formatCsv(["id", "text"], [["a", 'say "hi", ok']]), 'id,text\na,"say ""hi"", ok"\n');
 * ```
 */
export function formatCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const lines = [header.map(quoteField).join(",")];
  for (const row of rows) lines.push(row.map(quoteField).join(","));
  return lines.join("\n") + "\n";
}
