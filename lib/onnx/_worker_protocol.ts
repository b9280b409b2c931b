/**
 * Messages between {@link WorkerSession} and `_session_worker.ts`. Private to `lib/onnx`.
 *
 * @module
 */
import type { OnnxErrorKind } from "./onnx_error.ts";
import type { OrtSessionOptions } from "./ort_session.ts";
import type { FeedMap, OutputMap } from "./tensors.ts";

/** A request to the session worker; `id` pairs it with its reply. */
export type WorkerRequest =
  | {
    readonly kind: "create";
    readonly id: number;
    readonly model: Uint8Array | string;
    readonly options: OrtSessionOptions;
  }
  | {
    readonly kind: "run";
    readonly id: number;
    readonly feeds: FeedMap;
    readonly fetches?: readonly string[];
  }
  | { readonly kind: "release"; readonly id: number };

/** The worker's reply to one request. */
export type WorkerReply =
  | {
    readonly kind: "created";
    readonly id: number;
    readonly inputNames: readonly string[];
    readonly outputNames: readonly string[];
  }
  | { readonly kind: "outputs"; readonly id: number; readonly outputs: OutputMap }
  | { readonly kind: "released"; readonly id: number }
  | {
    readonly kind: "error";
    readonly id: number;
    readonly errorKind: OnnxErrorKind;
    readonly message: string;
    readonly cause?: string;
  };

/** The ArrayBuffers behind typed arrays, once each, for a transfer list. */
export function buffersOf(views: Iterable<{ readonly data: ArrayBufferView }>): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const v of views) {
    const b = v.data.buffer;
    if (b instanceof ArrayBuffer) seen.add(b);
  }
  return [...seen];
}
