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
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly dims: readonly number[];
  readonly data: TensorData;
}

/** A graph input, output or value_info entry; a string dimension is a symbolic `dim_param`. */
export interface ValueInfoSpec {
  readonly name: string;
  readonly dataType: OnnxDataType;
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
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  /** `""` (default) is `ai.onnx`; e.g. `com.microsoft` for contrib ops. */
  readonly domain?: string;
  readonly attributes?: readonly AttributeSpec[];
}

/** An ONNX graph: nodes in topological order, inputs, outputs and initializers. */
export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeSpec[];
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  readonly initializers?: readonly TensorSpec[];
  readonly valueInfo?: readonly ValueInfoSpec[];
}

/** A whole model: IR version, opset imports and the main graph. */
export interface ModelSpec {
  /** ONNX IR version; ORT 1.30 loads 3–13. The project uses 10. */
  readonly irVersion: number;
  /** Opset imports; `domain` `""` is `ai.onnx` (the project uses version 20). */
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly graph: GraphSpec;
  readonly producerName?: string;
  readonly producerVersion?: string;
}
