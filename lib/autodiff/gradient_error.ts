/**
 * The error the reverse-mode walker throws when a gradient cannot be built.
 *
 * @module
 */

/** What a {@link GradientError} is built from. */
export interface GradientErrorOptions {
  /** The forward op, e.g. `MatMul`. */
  readonly op: string;
  /** Name of the forward node's (first) output. */
  readonly output: string;
  /** Name of the input whose gradient failed, when there is one. */
  readonly input?: string;
  /** Shape of the gradient the rule produced. */
  readonly gradShape?: readonly number[];
  /** Shape of the input it should fit. */
  readonly inputShape?: readonly number[];
  /** What is wrong. */
  readonly reason: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

const fmt = (s: readonly number[] | undefined) => (s === undefined ? "?" : `[${s.join(",")}]`);

/**
 * Thrown when a gradient cannot be built: an op without a rule on the path, a rule whose result
 * does not fit its input. The message names the op, the input and both shapes.
 *
 * @example
 * ```ts
 * import { GradientError } from "./gradient_error.ts";
 * import { match } from "node:assert/strict";
 * const e = new GradientError({ op: "MatMul", output: "q", input: "w", gradShape: [3, 2],
 *   inputShape: [2, 3], reason: "the gradient does not fit the input" });
 * match(e.message, /MatMul "q".*"w".*\[3,2\].*\[2,3\]/);
 * ```
 */
export class GradientError extends Error {
  /** The forward op. */
  readonly op: string;
  /** The input whose gradient failed, when there is one. */
  readonly input: string | undefined;

  /** Builds `Cannot differentiate <op> "<output>"…: <reason>`. */
  constructor(options: GradientErrorOptions) {
    const shapes = options.gradShape === undefined
      ? ` ${fmt(options.inputShape)}`
      : ` (gradient ${fmt(options.gradShape)}, input ${fmt(options.inputShape)})`;
    const about = options.input === undefined ? "" : ` with respect to "${options.input}"${shapes}`;
    super(`Cannot differentiate ${options.op} "${options.output}"${about}: ${options.reason}`, {
      cause: options.cause,
    });
    this.name = "GradientError";
    this.op = options.op;
    this.input = options.input;
  }
}
