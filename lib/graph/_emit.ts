/**
 * Shared plumbing of the op builders: find the graph, turn numbers into scalar constants.
 *
 * @module
 */
import { GraphError } from "./graph_error.ts";
import type { GraphDType, OpSpecOf, OpType, SymTensor } from "./types.ts";

/** A tensor, or a plain number that becomes a scalar constant of the other operand's dtype. */
export type Operand = SymTensor | number;

/** Options every op builder takes: the output's name, relative to the current scope. */
export interface OpOptions {
  /** Output name, relative to the current scope (default: the op's name in lower case). */
  readonly name?: string;
}

/** Emits `spec` on the graph of `inputs[0]` and returns its first output. */
export function emit1<K extends OpType>(
  spec: OpSpecOf<K>,
  inputs: readonly SymTensor[],
  options: OpOptions = {},
): SymTensor {
  return inputs[0].graph.emit(spec, inputs, options)[0];
}

/** Resolves operands where numbers become scalars of the first tensor's dtype. */
export function operands(values: readonly Operand[], what: string): SymTensor[] {
  const t = values.find((v): v is SymTensor => typeof v !== "number");
  if (t === undefined) {
    throw new GraphError(`Cannot build ${what}: at least one operand must be a tensor`);
  }
  return values.map((v) => (typeof v === "number" ? t.graph.scalar(v, t.dtype) : v));
}

/** A scalar constant of `dtype` on the graph of `like`. */
export function scalarLike(like: SymTensor, value: number, dtype?: GraphDType): SymTensor {
  return like.graph.scalar(value, dtype ?? like.dtype);
}
