/**
 * Plain tensor records that cross the `onnx` room's boundary, so no ORT type leaks out.
 *
 * @module
 */
import type { OnnxDataType, TensorData } from "./proto_types.ts";

/** A tensor fed to a session: row-major data and its dims. Fed without copying. */
export interface FeedTensor {
  /** Row-major contents (read in place, not copied). */
  readonly data: TensorData;
  /** Shape; the product must equal `data.length`. */
  readonly dims: readonly number[];
  /** Needed only for `bool` (a Uint8Array) and `float16` (a Uint16Array); inferred otherwise. */
  readonly dataType?: OnnxDataType;
}

/** A tensor a session returned: a fresh typed array owned by the caller. */
export interface OutputTensor {
  /** Element type. */
  readonly dataType: OnnxDataType;
  /** Shape. */
  readonly dims: readonly number[];
  /** Row-major contents. */
  readonly data: TensorData;
}

/** Named feeds of one run. */
export type FeedMap = Readonly<Record<string, FeedTensor>>;

/** Named outputs of one run. */
export type OutputMap = Readonly<Record<string, OutputTensor>>;

/**
 * The ONNX data type a typed array stands for when no `dataType` is given: Uint8Array is
 * `uint8` and Uint16Array `float16`.
 *
 * @example
 * ```ts
 * import { dataTypeOf } from "./tensors.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(dataTypeOf(new BigInt64Array(2)), "int64");
 * ```
 */
export function dataTypeOf(data: TensorData): OnnxDataType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Int8Array) return "int8";
  if (data instanceof Uint8Array) return "uint8";
  return "float16";
}

/**
 * The data of a float32 output as a Float32Array; throws `TypeError` for any other type.
 *
 * @example
 * ```ts
 * import { float32Data } from "./tensors.ts";
 * import { equal } from "node:assert/strict";
 * const t = { dataType: "float32", dims: [1], data: new Float32Array([2]) } as const;
 * equal(float32Data(t)[0], 2);
 * ```
 */
export function float32Data(tensor: OutputTensor): Float32Array {
  if (!(tensor.data instanceof Float32Array)) {
    throw new TypeError(`Cannot read a Float32Array: the tensor is "${tensor.dataType}"`);
  }
  return tensor.data;
}
