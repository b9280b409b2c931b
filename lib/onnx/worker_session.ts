/**
 * An ORT session hosted in a Deno `Worker`, so the calling thread stays free (timers, progress
 * bars, Ctrl-C) while a run blocks the worker's thread.
 *
 * @module
 */
import { OnnxError } from "./onnx_error.ts";
import type { OrtSessionOptions } from "./ort_session.ts";
import type { FeedMap, OutputMap } from "./tensors.ts";
import { buffersOf, type WorkerReply, type WorkerRequest } from "./_worker_protocol.ts";
import { WorkerChannel } from "./worker_channel.ts";

/** Options of {@link WorkerSession.run}. */
export interface WorkerRunOptions {
  /** Outputs to return (default: all). ORT still runs the whole graph. */
  readonly fetches?: readonly string[];
  /**
   * Transfer the feeds' buffers to the worker instead of copying them. The caller's arrays
   * are then detached (length 0) — use only for arrays you will not read again.
   */
  readonly transfer?: boolean;
}

/**
 * A session whose runs execute in a dedicated worker thread. Outputs come back by transfer
 * (no copy); feeds are copied unless `transfer` is set.
 *
 * @example
 * ```ts
 * import { WorkerSession } from "./worker_session.ts";
 * import { encodeModel } from "./encode_model.ts";
 * import { float32Data } from "./tensors.ts";
 * import { deepEqual } from "node:assert/strict";
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
 * const session = await WorkerSession.create(bytes, { intraOpNumThreads: 1 });
 * const { y } = await session.run({ x: { data: new Float32Array([1, -2]), dims: [2] } });
 * deepEqual(Array.from(float32Data(y)), [-1, 2]);
 * await session.release();
 * ```
 */
export class WorkerSession {
  readonly #channel: WorkerChannel<WorkerRequest, WorkerReply>;
  #inputNames: readonly string[] = [];
  #outputNames: readonly string[] = [];

  /** The model's input names, in graph order. */
  get inputNames(): readonly string[] {
    return this.#inputNames;
  }

  /** The model's output names, in graph order. */
  get outputNames(): readonly string[] {
    return this.#outputNames;
  }

  private constructor(worker: Worker) {
    this.#channel = new WorkerChannel(worker, {
      onFailure: (message) =>
        new OnnxError("worker", `Cannot continue: the session worker failed: ${message}`),
      onClosed: () => new OnnxError("worker", "Cannot use the session: it was released"),
    });
  }

  async #request(
    make: (id: number) => WorkerRequest,
    transfer: ArrayBuffer[] = [],
  ): Promise<WorkerReply> {
    const reply = await this.#channel.request(make, transfer);
    if (reply.kind === "error") {
      throw new OnnxError(reply.errorKind, reply.message, { cause: reply.cause });
    }
    return reply;
  }

  /** Starts a worker and creates the session in it; options as for `createOrtSession`. */
  static async create(
    model: Uint8Array | string,
    options: OrtSessionOptions = {},
  ): Promise<WorkerSession> {
    const worker = new Worker(new URL("./_session_worker.ts", import.meta.url), { type: "module" });
    const session = new WorkerSession(worker);
    try {
      const reply = await session.#request((id) => ({ kind: "create", id, model, options }));
      if (reply.kind === "created") {
        session.#inputNames = reply.inputNames;
        session.#outputNames = reply.outputNames;
      }
      return session;
    } catch (e) {
      worker.terminate();
      throw e;
    }
  }

  /** Runs the model in the worker; the calling thread stays free meanwhile. */
  async run(feeds: FeedMap, options: WorkerRunOptions = {}): Promise<OutputMap> {
    const transfer = options.transfer === true ? buffersOf(Object.values(feeds)) : [];
    const reply = await this.#request(
      (id) => ({
        kind: "run",
        id,
        feeds,
        ...(options.fetches !== undefined && { fetches: options.fetches }),
      }),
      transfer,
    );
    if (reply.kind !== "outputs") {
      throw new OnnxError("worker", `Cannot run in the worker: unexpected reply "${reply.kind}"`);
    }
    return reply.outputs;
  }

  /** Releases the session and stops the worker. Releasing twice is a no-op. */
  async release(): Promise<void> {
    if (!this.#channel.open) return;
    try {
      await this.#request((id) => ({ kind: "release", id }));
    } finally {
      this.#channel.close();
    }
  }
}
