/**
 * The error a graph builder throws for misuse that is not about shapes (names, ownership).
 *
 * @module
 */

/**
 * Thrown when a graph is used wrongly: a duplicate input name, a value from another graph, a
 * constant whose data does not fit its shape.
 *
 * @example
 * ```ts
 * import { GraphError } from "./graph_error.ts";
 * import { ok } from "node:assert/strict";
 * ok(new GraphError("Cannot add input: name \"x\" is taken") instanceof Error);
 * ```
 */
export class GraphError extends Error {
  /** Builds the error; pass `{ cause }` when another error led to it. */
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = "GraphError";
  }
}
