/**
 * The error type of the `onnx` room.
 *
 * @module
 */

/** What went wrong in the `onnx` room, for callers that branch on it. */
export type OnnxErrorKind =
  | "encode" // a ModelSpec could not be encoded
  | "session" // ORT refused to create a session
  | "run" // ORT failed while running a session
  | "provider" // an execution provider this build does not have
  | "worker"; // the session worker failed or was closed

/**
 * Raised by encoding, session creation and session runs; `kind` says which, `cause` carries
 * ORT's own error where there is one.
 *
 * @example
 * ```ts
 * import { OnnxError } from "./onnx_error.ts";
 * import { deepEqual } from "node:assert/strict";
 * const e = new OnnxError("provider", "Cannot create a session: provider \"cuda\" is not available");
 * deepEqual(e.kind, "provider");
 * ```
 */
export class OnnxError extends Error {
  /** Which stage failed. */
  readonly kind: OnnxErrorKind;

  /** An error of one kind with a `Cannot <action>: <state>` message. */
  constructor(kind: OnnxErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OnnxError";
    this.kind = kind;
  }
}
