/**
 * The error type of the `train` room.
 *
 * @module
 */

/**
 * Raised when a training step, optimizer or accumulator is given inconsistent inputs (a
 * missing gradient, a length mismatch, a state from another model).
 *
 * @example
 * ```ts
 * import { TrainError } from "./train_error.ts";
 * import { equal } from "node:assert/strict";
 * equal(new TrainError("Cannot step: no gradient").name, "TrainError");
 * ```
 */
export class TrainError extends Error {
  /** An error with a `Cannot <action>: <state>` message. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TrainError";
  }
}
