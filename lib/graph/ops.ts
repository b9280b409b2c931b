/**
 * Op builders, imported as the `ops` namespace (`ops.matmul(a, b)`) so that their short names
 * (`add`, `sum`, `max`) cannot collide with other rooms' exports. Each builds one node (or a few,
 * for composites) on the graph that owns its inputs, with shapes checked on the spot.
 *
 * @example
 * ```ts
 * import { GraphBuilder, ops } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder();
 * const x = g.input("x", "float32", [8, 16, 32]);
 * const w = g.param("w", [64, 32]);
 * const y = ops.gelu(ops.linear(x, w));
 * deepStrictEqual(y.shape, [8, 16, 64]);
 * ```
 *
 * @module
 */
export * from "./ops_elementwise.ts";
export * from "./ops_tensor.ts";
export * from "./ops_nn.ts";
export * from "./composites.ts";
export type { Operand, OpOptions } from "./_emit.ts";
