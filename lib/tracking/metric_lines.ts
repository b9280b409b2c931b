/**
 * Metric files: `<timestamp> <value> [<step> [<dataset> <digest>]]` per line.
 *
 * @module
 */
import { TrackingError } from "./errors.ts";

/** One point of a metric's history. */
export interface MlflowMetricPoint {
  /** ms since the epoch. */
  readonly timestamp: number;
  /** The value (may be `NaN` or `±Infinity`). */
  readonly value: number;
  /** Integer step. */
  readonly step: number;
}

/**
 * Parses a metric file's text: `<timestamp> <value> [<step> [<dataset> <digest>]]` per line, values
 * as Python's `float()` reads them (`nan`, `inf`, `NaN`, `Infinity`, `1e-07` …). A blank, torn or
 * unterminated line is a {@link TrackingError} of kind `"format"` naming the file and line.
 *
 * @example
 * ```ts
 * import { parseMlflowMetricLines } from "./metric_lines.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseMlflowMetricLines("1700000000000 0.5 3\n"), [
 *   { timestamp: 1700000000000, value: 0.5, step: 3 },
 * ]);
 * ```
 */
export function parseMlflowMetricLines(text: string, path = "<metric>"): MlflowMetricPoint[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  else if (lines.length > 0) {
    // Every writer ends a point with "\n": a last line without one is a torn write.
    throw new TrackingError("format", `Cannot read ${path}: line ${lines.length} is incomplete`, {
      path,
    });
  }
  return lines.map((raw, i) => {
    const fields = raw.trim().split(" ");
    const timestamp = parseIntLikePython(fields[0]);
    const value = parseFloatLikePython(fields[1] ?? "");
    const step = fields.length >= 3 ? parseIntLikePython(fields[2]) : 0;
    const ok = (fields.length === 2 || fields.length === 3 || fields.length === 5) &&
      Number.isSafeInteger(timestamp) && Number.isSafeInteger(step) && value !== undefined;
    if (!ok) {
      throw new TrackingError(
        "format",
        `Cannot read ${path}: line ${i + 1} ${JSON.stringify(raw)} is not a metric point`,
        {
          path,
        },
      );
    }
    return { timestamp, value: value ?? NaN, step };
  });
}

function parseIntLikePython(text: string): number {
  return /^[+-]?\d(_?\d)*$/.test(text) ? Number(text.replaceAll("_", "")) : NaN;
}

function parseFloatLikePython(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (/^\+?inf(inity)?$/.test(t)) return Infinity;
  if (/^-inf(inity)?$/.test(t)) return -Infinity;
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t.replaceAll("_", ""));
}
