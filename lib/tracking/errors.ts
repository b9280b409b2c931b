/**
 * The tracking room's one error type.
 *
 * @module
 */

/** What went wrong, so callers can branch without parsing messages. */
export type TrackingErrorKind =
  | "key" // a metric/param/tag key that MLflow would refuse to read
  | "value" // a value outside MLflow's limits or of the wrong type
  | "param-conflict" // a param rewritten with a different value
  | "state" // a write to a run that has ended, or an end twice
  | "not-found" // an experiment or run that does not exist
  | "format"; // a file in the store that cannot be parsed

/** Options for {@link TrackingError}. */
export interface TrackingErrorOptions {
  /** The metric, param or tag key involved, when there is one. */
  readonly key?: string;
  /** The file involved, when there is one. */
  readonly path?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * An error raised by the MLflow file-store writer or reader.
 *
 * @example
 * ```ts
 * import { TrackingError } from "./errors.ts";
 * import { equal } from "node:assert/strict";
 * const e = new TrackingError("key", "Cannot log metric: key \"a//b\" has an empty segment", {
 *   key: "a//b",
 * });
 * equal(e.kind, "key");
 * equal(e.key, "a//b");
 * ```
 */
export class TrackingError extends Error {
  /** What went wrong. */
  readonly kind: TrackingErrorKind;
  /** The key involved, when there is one. */
  readonly key: string | undefined;
  /** The file involved, when there is one. */
  readonly path: string | undefined;

  /** Creates an error of the given kind; `message` reads `Cannot <action>: <state>`. */
  constructor(kind: TrackingErrorKind, message: string, options: TrackingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrackingError";
    this.kind = kind;
    this.key = options.key;
    this.path = options.path;
  }
}
