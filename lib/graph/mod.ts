/**
 * Room `graph`: symbolic tensors with static shapes, a typed union of ONNX ops with shape
 * inference, op builders (`ops`), composites (GELU, layer norm, losses, pooling, dropout) and a
 * text dump. The graph is plain data that `lib/onnx` lowers to a `ModelSpec` and `lib/autodiff`
 * differentiates.
 *
 * @example
 * ```ts
 * import { GraphBuilder, ops } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder("mlp");
 * const x = g.input("x", "float32", [4, 3]);
 * const w = g.param("fc.weight", [2, 3]);
 * const b = g.param("fc.bias", [2]);
 * const logits = g.scope("head", () => ops.linear(x, w, { bias: b, name: "logits" }));
 * deepStrictEqual([logits.name, logits.shape], ["head.logits", [4, 2]]);
 * ```
 *
 * @module
 */
export {
  type ConstantOptions,
  type EmitOptions,
  GraphBuilder,
  scalarData,
} from "./graph_builder.ts";
export { GraphError } from "./graph_error.ts";
export { ShapeError, type ShapeErrorOperand, type ShapeErrorOptions } from "./shape_error.ts";
export { dumpGraph } from "./dump_graph.ts";
export type {
  BinaryOpType,
  ConstantData,
  GraphDType,
  GraphNode,
  OpSpec,
  OpSpecOf,
  OpType,
  ReduceOpType,
  SymTensor,
  UnaryOpType,
  ValueSource,
  ValueType,
} from "./types.ts";
export * as ops from "./ops.ts";
export { broadcastShapes, broadcastsTo, isFloat, numel, sameShape } from "./_shape.ts";
