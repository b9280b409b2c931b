/**
 * ModelSpec → ONNX `ModelProto` bytes, with a hand-written protobuf writer (no dependencies).
 * Field numbers follow `onnx.proto` (ONNX 1.16). Tensor payloads are referenced, not copied,
 * until the single final concatenation; large initializers can go to an external data file.
 *
 * @module
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { ProtoWriter } from "./_protobuf_writer.ts";
import { OnnxError } from "./onnx_error.ts";
import type {
  AttributeSpec,
  GraphSpec,
  ModelSpec,
  NodeSpec,
  OnnxDataType,
  TensorSpec,
  ValueInfoSpec,
} from "./proto_types.ts";

/** ONNX `TensorProto.DataType` codes. */
const DATA_TYPE_CODE: Readonly<Record<OnnxDataType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

/** ONNX `AttributeProto.AttributeType` codes. */
const ATTRIBUTE_TYPE_CODE: Readonly<Record<AttributeSpec["kind"], number>> = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  graph: 5,
  floats: 6,
  ints: 7,
  strings: 8,
};

/** Bytes per element of each data type, to validate `dims` against `data`. */
const ELEMENT_BYTES: Readonly<Record<OnnxDataType, number>> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  int32: 4,
  int64: 8,
  bool: 1,
  float16: 2,
  float64: 8,
};

/** A protobuf message may not exceed 2 GiB − 1 bytes. */
const PROTOBUF_LIMIT = 0x7fffffff;
/** Offsets in the external data file are aligned to this (ORT can then memory-map them). */
const EXTERNAL_ALIGN = 4096;

/** Where and when initializers are written to a side file instead of the model bytes. */
export interface ExternalDataOptions {
  /** File the tensor bytes are written to (created or truncated). */
  readonly path: string;
  /**
   * The `location` recorded in the model, relative to the model file's folder (default: the
   * base name of {@link path}, so save the model next to it).
   */
  readonly location?: string;
  /** Initializers of at least this many bytes go external (default 1 MiB). */
  readonly thresholdBytes?: number;
}

/** Options of {@link encodeModel}. */
export interface EncodeModelOptions {
  /** Write large initializers to a side file (needed for models over 2 GB). */
  readonly externalData?: ExternalDataOptions;
}

interface ExternalSink {
  readonly fd: number;
  readonly location: string;
  readonly threshold: number;
  offset: number;
}

function tensorBytes(t: TensorSpec): Uint8Array {
  const expected = t.dims.reduce((a, b) => a * b, 1) * ELEMENT_BYTES[t.dataType];
  if (t.data.byteLength !== expected) {
    throw new OnnxError(
      "encode",
      `Cannot encode tensor "${t.name}": dims [${t.dims.join(", ")}] of ${t.dataType} need ` +
        `${expected} bytes but data has ${t.data.byteLength}`,
    );
  }
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

function writeExternal(sink: ExternalSink, bytes: Uint8Array): number {
  const pad = (EXTERNAL_ALIGN - (sink.offset % EXTERNAL_ALIGN)) % EXTERNAL_ALIGN;
  if (pad > 0) writeSync(sink.fd, new Uint8Array(pad), 0, pad, sink.offset);
  const at = sink.offset + pad;
  let done = 0;
  while (done < bytes.length) {
    done += writeSync(sink.fd, bytes, done, bytes.length - done, at + done);
  }
  sink.offset = at + bytes.length;
  return at;
}

function encodeTensor(t: TensorSpec, sink?: ExternalSink): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, DATA_TYPE_CODE[t.dataType]);
  w.string(8, t.name);
  const bytes = tensorBytes(t);
  if (sink !== undefined && bytes.length >= sink.threshold && bytes.length > 0) {
    const offset = writeExternal(sink, bytes);
    const entry = (key: string, value: string) => new ProtoWriter().string(1, key).string(2, value);
    w.message(13, entry("location", sink.location));
    w.message(13, entry("offset", String(offset)));
    w.message(13, entry("length", String(bytes.length)));
    w.int(14, 1); // data_location = EXTERNAL
  } else {
    w.bytes(9, bytes);
  }
  return w;
}

function encodeValueInfo(v: ValueInfoSpec): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === "number") dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, DATA_TYPE_CODE[v.dataType]).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

function encodeAttribute(a: AttributeSpec, sink?: ExternalSink): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  switch (a.kind) {
    case "float":
      w.float(2, a.value);
      break;
    case "int":
      w.int(3, a.value);
      break;
    case "string":
      w.string(4, a.value);
      break;
    case "tensor":
      w.message(5, encodeTensor(a.value));
      break;
    case "graph":
      w.message(6, encodeGraph(a.value, sink));
      break;
    case "floats":
      for (const f of a.value) w.float(7, f);
      break;
    case "ints":
      for (const i of a.value) w.int(8, i);
      break;
    case "strings":
      for (const s of a.value) w.string(9, s);
      break;
  }
  return w.int(20, ATTRIBUTE_TYPE_CODE[a.kind]);
}

function encodeNode(n: NodeSpec, sink?: ExternalSink): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name !== undefined) w.string(3, n.name);
  w.string(4, n.opType);
  for (const a of n.attributes ?? []) w.message(5, encodeAttribute(a, sink));
  if (n.domain !== undefined && n.domain !== "") w.string(7, n.domain);
  return w;
}

function encodeGraph(g: GraphSpec, sink?: ExternalSink): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, encodeNode(n, sink));
  w.string(2, g.name);
  for (const t of g.initializers ?? []) w.message(5, encodeTensor(t, sink));
  for (const v of g.inputs) w.message(11, encodeValueInfo(v));
  for (const v of g.outputs) w.message(12, encodeValueInfo(v));
  for (const v of g.valueInfo ?? []) w.message(13, encodeValueInfo(v));
  return w;
}

function encodeWith(spec: ModelSpec, sink?: ExternalSink): Uint8Array {
  const w = new ProtoWriter().int(1, spec.irVersion);
  if (spec.producerName !== undefined) w.string(2, spec.producerName);
  if (spec.producerVersion !== undefined) w.string(3, spec.producerVersion);
  w.message(7, encodeGraph(spec.graph, sink));
  for (const o of spec.opsets) {
    const opset = new ProtoWriter();
    if (o.domain !== "") opset.string(1, o.domain);
    w.message(8, opset.int(2, o.version));
  }
  if (w.length > PROTOBUF_LIMIT) {
    throw new OnnxError(
      "encode",
      `Cannot encode model "${spec.graph.name}": ${w.length} bytes exceed protobuf's 2 GiB ` +
        `limit; pass { externalData: { path } } to move initializers to a side file`,
    );
  }
  return w.finish();
}

/**
 * Encodes a {@link ModelSpec} as ONNX `ModelProto` bytes that `createOrtSession` (or any ONNX
 * tool) loads. Tensor data is written as `raw_data` (little-endian) without intermediate copies.
 * With `externalData`, initializers of at least `thresholdBytes` are written to `path` and
 * referenced by `location`/`offset`/`length` entries, which keeps models over 2 GB encodable.
 *
 * @example
 * ```ts
 * import { encodeModel } from "./encode_model.ts";
 * import { ok } from "node:assert/strict";
 * const bytes = encodeModel({
 *   irVersion: 10,
 *   opsets: [{ domain: "", version: 20 }],
 *   graph: {
 *     name: "neg",
 *     nodes: [{ opType: "Neg", inputs: ["x"], outputs: ["y"] }],
 *     inputs: [{ name: "x", dataType: "float32", shape: [2] }],
 *     outputs: [{ name: "y", dataType: "float32", shape: [2] }],
 *   },
 * });
 * ok(bytes.length > 0);
 * ```
 */
export function encodeModel(spec: ModelSpec, options: EncodeModelOptions = {}): Uint8Array {
  const ext = options.externalData;
  if (ext === undefined) return encodeWith(spec);
  const threshold = ext.thresholdBytes ?? 1 << 20;
  if (!(threshold >= 0)) {
    throw new OnnxError("encode", `Cannot encode with external data: thresholdBytes ${threshold}`);
  }
  // Written beside the target and renamed on success: a failed encoding leaves no partial file
  // and an existing one (perhaps serving a saved model) untouched.
  const partial = `${ext.path}.partial`;
  const fd = openSync(partial, "w");
  let bytes: Uint8Array;
  try {
    bytes = encodeWith(spec, {
      fd,
      location: ext.location ?? basename(ext.path),
      threshold,
      offset: 0,
    });
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(partial, ext.path);
  return bytes;
}
