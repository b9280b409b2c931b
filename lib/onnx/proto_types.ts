/**
 * Plain records that mirror the parts of ONNX's `ModelProto` this project writes. The encoder
 * (`encode_model.ts`) turns them into protobuf bytes; the graph → ONNX lowering produces them.
 *
 * @module
 */

/** ONNX tensor element types this project uses (ONNX `TensorProto.DataType` codes in comments). */
export type OnnxDataType =
  | "float32" // 1
  | "uint8" // 2
  | "int8" // 3
  | "int32" // 6
  | "int64" // 7
  | "bool" // 9
  | "float16" // 10
  | "float64"; // 11

/** Raw tensor contents, laid out row-major; `bool` and `uint8` use Uint8Array, float16 Uint16Array. */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Int8Array
  | Uint8Array
  | Uint16Array;

/** An initializer or a tensor-valued attribute. `data` is written without copying. */
export interface TensorSpec {
  /** The tensor's name (an initializer's name is the value it defines). */
  readonly name: string;
  /** Element type. */
  readonly dataType: OnnxDataType;
  /** Static shape; `[]` for a scalar. */
  readonly dims: readonly number[];
  /** Row-major contents; its length must equal the product of `dims`. */
  readonly data: TensorData;
}

/** A graph input, output or value_info entry; a string dimension is a symbolic `dim_param`. */
export interface ValueInfoSpec {
  /** The value's name. */
  readonly name: string;
  /** Element type. */
  readonly dataType: OnnxDataType;
  /** Dimensions: a number is fixed, a string a symbolic `dim_param`. */
  readonly shape: readonly (number | string)[];
}

/** A node attribute (ONNX `AttributeProto`), tagged by kind. */
export type AttributeSpec =
  | { readonly kind: "int"; readonly name: string; readonly value: number }
  | { readonly kind: "float"; readonly name: string; readonly value: number }
  | { readonly kind: "string"; readonly name: string; readonly value: string }
  | { readonly kind: "ints"; readonly name: string; readonly value: readonly number[] }
  | { readonly kind: "floats"; readonly name: string; readonly value: readonly number[] }
  | { readonly kind: "strings"; readonly name: string; readonly value: readonly string[] }
  | { readonly kind: "tensor"; readonly name: string; readonly value: TensorSpec }
  | { readonly kind: "graph"; readonly name: string; readonly value: GraphSpec };

/** One ONNX node. An empty input name `""` marks a missing optional input. */
export interface NodeSpec {
  /** ONNX operator type, e.g. `MatMul`. */
  readonly opType: string;
  /** Input value names, in the operator's order. */
  readonly inputs: readonly string[];
  /** Output value names, in the operator's order. */
  readonly outputs: readonly string[];
  /** Optional node name (for profiles and error messages). */
  readonly name?: string;
  /** `""` (default) is `ai.onnx`; e.g. `com.microsoft` for contrib ops. */
  readonly domain?: string;
  /** Node attributes. */
  readonly attributes?: readonly AttributeSpec[];
}

/** An ONNX graph: nodes in topological order, inputs, outputs and initializers. */
export interface GraphSpec {
  /** The graph's name. */
  readonly name: string;
  /** Nodes in topological order. */
  readonly nodes: readonly NodeSpec[];
  /** Graph inputs (fed at run time). */
  readonly inputs: readonly ValueInfoSpec[];
  /** Graph outputs. */
  readonly outputs: readonly ValueInfoSpec[];
  /** Constant tensors stored in the model (e.g. frozen weights). */
  readonly initializers?: readonly TensorSpec[];
  /** Optional type and shape annotations of intermediate values. */
  readonly valueInfo?: readonly ValueInfoSpec[];
}

/** A whole model: IR version, opset imports and the main graph. */
export interface ModelSpec {
  /** ONNX IR version; ORT 1.30 loads 3–13. The project uses 10. */
  readonly irVersion: number;
  /** Opset imports; `domain` `""` is `ai.onnx` (the project uses version 20). */
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  /** The main graph. */
  readonly graph: GraphSpec;
  /** Written to `producer_name`. */
  readonly producerName?: string;
  /** Written to `producer_version`. */
  readonly producerVersion?: string;
}
