/**
 * Room `onnx`: ONNX `ModelProto` encoding and ONNX Runtime sessions (CPU only), in the calling
 * thread or in a worker. The only room that imports onnxruntime-node.
 *
 * @module
 */
export type {
  AttributeSpec,
  GraphSpec,
  ModelSpec,
  NodeSpec,
  OnnxDataType,
  TensorData,
  TensorSpec,
  ValueInfoSpec,
} from "./proto_types.ts";
export { encodeModel, type EncodeModelOptions, type ExternalDataOptions } from "./encode_model.ts";
export { OnnxError, type OnnxErrorKind } from "./onnx_error.ts";
export {
  dataTypeOf,
  type FeedMap,
  type FeedTensor,
  float32Data,
  type OutputMap,
  type OutputTensor,
} from "./tensors.ts";
export {
  availableExecutionProviders,
  createOrtSession,
  type ExternalDataFile,
  type GraphOptimizationLevel,
  OrtSession,
  type OrtSessionOptions,
} from "./ort_session.ts";
export { type WorkerRunOptions, WorkerSession } from "./worker_session.ts";
export { WorkerChannel, type WorkerChannelOptions } from "./worker_channel.ts";
export { lowerGraph, type LowerGraphOptions } from "./lower_graph.ts";
