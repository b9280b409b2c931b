/**
 * The errors of the `hpo` room: one base class and a control-flow signal for pruning.
 *
 * @module
 */

/**
 * Base class of the room's errors: invalid arguments to the study API, unknown studies or
 * trials, incompatible distributions, updates of finished trials.
 *
 * @example
 * ```ts
 * import { HpoError } from "./errors.ts";
 * import { ok as assert } from "node:assert/strict";
 * assert(new HpoError("Cannot tell trial 3: it is already COMPLETE") instanceof Error);
 * ```
 */
export class HpoError extends Error {
  /** Creates an error with a `Cannot <action>: <state>` message and an optional cause. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "HpoError";
  }
}

/**
 * A storage could not be read, written or locked (I/O failure, malformed journal, lock held).
 *
 * @example
 * ```ts
 * import { HpoError, StudyStorageError } from "./errors.ts";
 * import { ok as assert } from "node:assert/strict";
 * assert(new StudyStorageError("Cannot lock \"x.log\": timed out") instanceof HpoError);
 * ```
 */
export class StudyStorageError extends HpoError {
  /** Creates a storage error; pass the underlying I/O error as `cause`. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StudyStorageError";
  }
}

/**
 * Thrown by an objective to stop a trial early, usually after `trial.shouldPrune()` said so.
 * `study.optimize` records the trial as PRUNED with its last intermediate value.
 *
 * @example
 * ```ts
 * import { TrialPruned } from "./errors.ts";
 * import { ok as assert } from "node:assert/strict";
 * assert(new TrialPruned() instanceof Error);
 * ```
 */
export class TrialPruned extends Error {
  /** Creates the signal; the message is informational only. */
  constructor(message = "Trial was pruned") {
    super(message);
    this.name = "TrialPruned";
  }
}
