/**
 * A training step hosted in a Deno `Worker`: parameters, optimizer and sessions live in the
 * worker, and only batches, metrics and (on request) state cross threads — the caller's event
 * loop stays free for progress bars, logging and Ctrl-C.
 *
 * @module
 */
import { type FeedMap, WorkerChannel } from "../onnx/mod.ts";
import type { CompiledTrainStep } from "./compile_train_step.ts";
import type { ParamArrays } from "./optimizer.ts";
import type { OptimizerConfig } from "./optimizer_config.ts";
import { TrainError } from "./train_error.ts";
import type {
  EvalResult,
  GradResult,
  TrainStepOptions,
  TrainStepResult,
  TrainStepSessionOptions,
} from "./train_step_session.ts";
import type {
  TrainReply,
  TrainReplyValue,
  TrainRequest,
  TrainState,
} from "./_train_worker_protocol.ts";

/** Options of {@link TrainWorker.create}. */
export interface TrainWorkerOptions extends TrainStepSessionOptions {
  /** The optimizer, as data (default AdamW with its defaults). */
  readonly optimizer?: OptimizerConfig;
}

/**
 * A {@link TrainStepSession} in a worker thread. The parameters given to {@link create} are
 * copied into the worker; read them back with {@link exportState}.
 */
export class TrainWorker {
  readonly #channel: WorkerChannel<TrainRequest, TrainReply>;

  private constructor(worker: Worker) {
    this.#channel = new WorkerChannel(worker, {
      onFailure: (message) =>
        new TrainError(`Cannot continue training: the worker failed: ${message}`),
      onClosed: () => new TrainError("Cannot use the train worker: it was released"),
    });
  }

  async #request(
    make: (id: number) => TrainRequest,
    transfer: ArrayBuffer[] = [],
  ): Promise<TrainReplyValue> {
    const reply = await this.#channel.request(make, transfer);
    if (reply.kind === "error") throw new TrainError(`${reply.name}: ${reply.message}`);
    return reply.value;
  }

  /** Starts the worker, builds the optimizer and creates both sessions in it. */
  static async create(
    compiled: CompiledTrainStep,
    params: ParamArrays,
    options: TrainWorkerOptions = {},
  ): Promise<TrainWorker> {
    const worker = new Worker(new URL("./_train_worker.ts", import.meta.url), { type: "module" });
    const tw = new TrainWorker(worker);
    const { optimizer = { kind: "adamw" }, ...sessionOptions } = options;
    try {
      await tw.#request((id) => ({
        kind: "create",
        id,
        compiled,
        params,
        optimizer,
        options: sessionOptions,
      }));
      return tw;
    } catch (e) {
      worker.terminate();
      throw e;
    }
  }

  /** One optimizer step on a batch or on micro-batches (see {@link TrainStepSession.step}). */
  async step(
    batch: FeedMap | readonly FeedMap[],
    options: TrainStepOptions,
  ): Promise<TrainStepResult> {
    const batches: readonly FeedMap[] = Array.isArray(batch) ? batch : [batch as FeedMap];
    const v = await this.#request((id) => ({ kind: "step", id, batches, options }));
    if (v.kind !== "step") throw new TrainError(`Cannot read the step result: got "${v.kind}"`);
    return v.result;
  }

  /** Loss, logits and gradients of one batch, without an update. */
  async computeGrads(batch: FeedMap, step: number): Promise<GradResult> {
    const v = await this.#request((id) => ({ kind: "grads", id, batch, step }));
    if (v.kind !== "grads") throw new TrainError(`Cannot read the gradients: got "${v.kind}"`);
    return v.result;
  }

  /** Loss and logits of one batch with the evaluation model. */
  async evaluate(batch: FeedMap): Promise<EvalResult> {
    const v = await this.#request((id) => ({ kind: "evaluate", id, batch }));
    if (v.kind !== "evaluate") throw new TrainError(`Cannot read the evaluation: got "${v.kind}"`);
    return v.result;
  }

  /** Copies of the parameters and the optimizer state (for checkpoints). */
  async exportState(): Promise<TrainState> {
    const v = await this.#request((id) => ({ kind: "export", id }));
    if (v.kind !== "state") throw new TrainError(`Cannot read the state: got "${v.kind}"`);
    return v.state;
  }

  /** Restores parameters and optimizer state (from {@link exportState} or a checkpoint). */
  async importState(state: TrainState): Promise<void> {
    await this.#request((id) => ({ kind: "import", id, state }));
  }

  /** Releases the sessions and stops the worker. Releasing twice is a no-op. */
  async release(): Promise<void> {
    if (!this.#channel.open) return;
    try {
      await this.#request((id) => ({ kind: "release", id }));
    } finally {
      this.#channel.close();
    }
  }
}
