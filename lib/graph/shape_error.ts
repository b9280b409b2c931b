/**
 * The error shape inference throws when an op cannot accept its inputs.
 *
 * @module
 */

/** One operand named in a {@link ShapeError}. */
export interface ShapeErrorOperand {
  /** The value's name. */
  readonly name: string;
  /** Its element type. */
  readonly dtype: string;
  /** Its static shape. */
  readonly shape: readonly number[];
}

/** What a {@link ShapeError} is built from. */
export interface ShapeErrorOptions {
  /** The op being built, e.g. `MatMul`. */
  readonly op: string;
  /** The name the output would have had. */
  readonly output: string;
  /** The inputs, in order. */
  readonly operands: readonly ShapeErrorOperand[];
  /** What is wrong, e.g. `inner dimensions differ: 3 vs 4`. */
  readonly reason: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Thrown when an op is built over inputs whose dtypes or shapes it cannot accept. The message
 * names the op, the value names and their shapes.
 *
 * @example
 * ```ts
 * import { ShapeError } from "./shape_error.ts";
 * import { match } from "node:assert/strict";
 * const e = new ShapeError({ op: "MatMul", output: "y", reason: "inner dimensions differ",
 *   operands: [{ name: "x", dtype: "float32", shape: [2, 3] }] });
 * match(e.message, /MatMul "y".*x: float32\[2,3\]/);
 * ```
 */
export class ShapeError extends Error {
  /** The op being built. */
  readonly op: string;
  /** The operands with their dtypes and shapes. */
  readonly operands: readonly ShapeErrorOperand[];

  /** Builds the message `Cannot build <op> "<output>": <reason> (inputs: …)`. */
  constructor(options: ShapeErrorOptions) {
    const list = options.operands.map((o) => `${o.name}: ${o.dtype}[${o.shape.join(",")}]`);
    super(
      `Cannot build ${options.op} "${options.output}": ${options.reason} (inputs: ${
        list.join(", ")
      })`,
      { cause: options.cause },
    );
    this.name = "ShapeError";
    this.op = options.op;
    this.operands = options.operands;
  }
}
