/**
 * The shape of a gradient rule: what the walker hands a rule, and what the rule returns.
 *
 * @module
 */
import type { GraphNode, OpSpec, OpSpecOf, OpType, SymTensor } from "../graph/mod.ts";

/** What the walker hands a rule for one forward node. */
export interface GradContext<S extends OpSpec = OpSpec> {
  /** The forward node's op and attributes. */
  readonly spec: S;
  /** The forward node. */
  readonly node: GraphNode;
  /** The forward inputs (values a rule may reuse). */
  readonly inputs: readonly SymTensor[];
  /** The forward outputs (values a rule may reuse, e.g. softmax's). */
  readonly outputs: readonly SymTensor[];
  /** The gradient of each output; `undefined` where nothing flows back. */
  readonly grads: readonly (SymTensor | undefined)[];
  /** The gradient of the first output (zeros when only other outputs receive one). */
  readonly dy: SymTensor;
  /** Which inputs need a gradient (float inputs on a path from `wrt` to the loss). */
  readonly needs: readonly boolean[];
}

/**
 * A gradient rule: a vector-Jacobian product that returns one gradient per input (`undefined`
 * where none is needed), possibly in the broadcast shape (the walker un-broadcasts), or an
 * explicit statement that the op has no gradient.
 */
export type GradRule<S extends OpSpec = OpSpec> =
  | {
    readonly kind: "vjp";
    readonly vjp: (ctx: GradContext<S>) => readonly (SymTensor | undefined)[];
  }
  | { readonly kind: "none"; readonly reason: string };

/** A table of rules for some op types (the full table covers every `OpType`). */
export type RuleTable<K extends OpType> = { readonly [P in K]: GradRule<OpSpecOf<P>> };
