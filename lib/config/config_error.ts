/**
 * The one error type of the config room.
 *
 * @module
 */

/** Where a {@link ConfigError} points: the dotted key, the file, and the underlying cause. */
export interface ConfigErrorOptions {
  /** Dotted key path the error is about, e.g. `training.learning_rate` ("" for the root). */
  readonly keyPath?: string;
  /** Config file the error is about, when there is one. */
  readonly file?: string;
  /** The error that caused this one. */
  readonly cause?: unknown;
}

/**
 * A config could not be loaded, composed, overridden, interpolated or read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError } from "./config_error.ts";
 *
 * const error = new ConfigError("Cannot read key: missing", { keyPath: "a.b" });
 * assert.equal(error.keyPath, "a.b");
 * assert.equal(error.name, "ConfigError");
 * ```
 */
export class ConfigError extends Error {
  /** Dotted key path the error is about ("" when it concerns no single key). */
  readonly keyPath: string;
  /** Config file the error is about, if any. */
  readonly file: string | undefined;

  /** Creates the error; `options.cause` is passed on to `Error`. */
  constructor(message: string, options: ConfigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConfigError";
    this.keyPath = options.keyPath ?? "";
    this.file = options.file;
  }
}
