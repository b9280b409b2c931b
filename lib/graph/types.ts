/**
 * The graph's plain data: element types, symbolic tensors, the typed union of ops and nodes.
 *
 * @module
 */
import type { GraphBuilder } from "./graph_builder.ts";

/** Element types a symbolic tensor can have (the names match ONNX's element types). */
export type GraphDType =
  | "float32"
  | "float64"
  | "float16"
  | "int64"
  | "int32"
  | "int8"
  | "uint8"
  | "bool";

/** Row-major contents of a constant; `bool` and `uint8` use Uint8Array, float16 Uint16Array. */
export type ConstantData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Int8Array
  | Uint8Array
  | Uint16Array;

/**
 * A symbolic tensor: a value of one graph with a fixed dtype and a fixed (static) shape.
 * It is a handle, not the numbers; `graph` is the builder that owns it.
 */
export interface SymTensor {
  /** Index of the value inside its graph. */
  readonly id: number;
  /** Unique, readable name (scoped, e.g. `encoder.layer.3.attention.q`). */
  readonly name: string;
  /** Element type. */
  readonly dtype: GraphDType;
  /** Static dimensions; `[]` is a scalar. */
  readonly shape: readonly number[];
  /** The builder that owns this value. */
  readonly graph: GraphBuilder;
}

/** Where a value comes from. */
export type ValueSource =
  | { readonly kind: "input" }
  | { readonly kind: "param" }
  | { readonly kind: "constant"; readonly data: ConstantData }
  | { readonly kind: "node"; readonly node: number; readonly index: number };

/** Ops without attributes that map elementwise over one input. */
export type UnaryOpType =
  | "Neg"
  | "Exp"
  | "Log"
  | "Sqrt"
  | "Reciprocal"
  | "Tanh"
  | "Erf"
  | "Sigmoid"
  | "Relu"
  | "Abs"
  | "Sign"
  | "Not"
  | "Identity";

/** Elementwise ops over two inputs with numpy broadcasting. */
export type BinaryOpType =
  | "Add"
  | "Sub"
  | "Mul"
  | "Div"
  | "Pow"
  | "Max"
  | "Min"
  | "Equal"
  | "Less"
  | "Greater"
  | "LessOrEqual"
  | "GreaterOrEqual"
  | "And"
  | "Or"
  | "BitwiseAnd"
  | "BitwiseXor";

/** Reductions over static axes (ONNX takes the axes as an input from opset 13/18). */
export type ReduceOpType = "ReduceSum" | "ReduceMean" | "ReduceMax";

/**
 * The typed union of ops a graph may hold, discriminated by `op`. Attributes that ONNX takes as
 * int64 inputs (shapes, axes, pads, slice bounds) are static here; lowering turns them into
 * initializers.
 */
export type OpSpec =
  | { readonly [K in UnaryOpType]: { readonly op: K } }[UnaryOpType]
  | { readonly [K in BinaryOpType]: { readonly op: K } }[BinaryOpType]
  | { readonly op: "Sum" }
  | { readonly op: "Gelu" }
  | { readonly op: "Where" }
  | { readonly op: "Cast"; readonly to: GraphDType }
  | { readonly op: "MatMul" }
  | {
    readonly op: "Gemm";
    readonly transA: boolean;
    readonly transB: boolean;
    readonly alpha: number;
    readonly beta: number;
  }
  | {
    readonly op: "CumSum";
    readonly axis: number;
    readonly exclusive: boolean;
    readonly reverse: boolean;
  }
  | { readonly op: "Softmax"; readonly axis: number }
  | { readonly op: "LogSoftmax"; readonly axis: number }
  | { readonly op: "Gather"; readonly axis: number }
  | { readonly op: "GatherElements"; readonly axis: number }
  | {
    readonly op: "ScatterElements";
    readonly axis: number;
    readonly reduction: "none" | "add";
  }
  | { readonly op: "Reshape"; readonly shape: readonly number[] }
  | { readonly op: "Transpose"; readonly perm: readonly number[] }
  | { readonly op: "Unsqueeze"; readonly axes: readonly number[] }
  | { readonly op: "Squeeze"; readonly axes: readonly number[] }
  | { readonly op: "Concat"; readonly axis: number }
  | { readonly op: "Split"; readonly axis: number; readonly sizes: readonly number[] }
  | {
    readonly op: "Slice";
    readonly starts: readonly number[];
    readonly ends: readonly number[];
    readonly axes: readonly number[];
    readonly steps: readonly number[];
  }
  | { readonly op: "Expand"; readonly shape: readonly number[] }
  | { readonly op: "Pad"; readonly pads: readonly number[]; readonly value: number }
  | {
    readonly [K in ReduceOpType]: {
      readonly op: K;
      readonly axes: readonly number[];
      readonly keepdims: boolean;
    };
  }[ReduceOpType]
  | { readonly op: "ArgMax"; readonly axis: number; readonly keepdims: boolean }
  | { readonly op: "LayerNormalization"; readonly axis: number; readonly epsilon: number }
  | {
    readonly op: "ConstantOfShape";
    readonly shape: readonly number[];
    readonly dtype: GraphDType;
    readonly value: number;
  };

/** Every op type name. */
export type OpType = OpSpec["op"];

/** The spec variant of one op type. */
export type OpSpecOf<K extends OpType> = Extract<OpSpec, { readonly op: K }>;

/** One node: an op applied to input values, producing output values (in creation order). */
export interface GraphNode {
  /** Index of the node inside its graph (creation order is a topological order). */
  readonly id: number;
  /** The op and its attributes. */
  readonly spec: OpSpec;
  /** Input values, in ONNX order. */
  readonly inputs: readonly SymTensor[];
  /** Output values, in ONNX order. */
  readonly outputs: readonly SymTensor[];
}

/** A value's dtype and shape before it is named, as shape inference returns it. */
export interface ValueType {
  /** Element type. */
  readonly dtype: GraphDType;
  /** Static shape. */
  readonly shape: readonly number[];
}
