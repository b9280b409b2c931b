/**
 * Messages between {@link TrainWorker} and `_train_worker.ts`. Private to `lib/train`.
 *
 * @module
 */
import type { FeedMap } from "../onnx/mod.ts";
import type { CompiledTrainStep } from "./compile_train_step.ts";
import type { OptimizerState, ParamArrays } from "./optimizer.ts";
import type { OptimizerConfig } from "./optimizer_config.ts";
import type {
  EvalResult,
  GradResult,
  TrainStepOptions,
  TrainStepResult,
  TrainStepSessionOptions,
} from "./train_step_session.ts";

/** Parameters and optimizer state: what a checkpoint needs from the worker. */
export interface TrainState {
  /** Copies of the parameters. */
  readonly params: ParamArrays;
  /** The optimizer's state. */
  readonly optimizer: OptimizerState;
}

/** A request; `id` pairs it with its reply. */
export type TrainRequest =
  | {
    readonly kind: "create";
    readonly id: number;
    readonly compiled: CompiledTrainStep;
    readonly params: ParamArrays;
    readonly optimizer: OptimizerConfig;
    readonly options: TrainStepSessionOptions;
  }
  | {
    readonly kind: "step";
    readonly id: number;
    readonly batches: readonly FeedMap[];
    readonly options: TrainStepOptions;
  }
  | { readonly kind: "grads"; readonly id: number; readonly batch: FeedMap; readonly step: number }
  | { readonly kind: "evaluate"; readonly id: number; readonly batch: FeedMap }
  | { readonly kind: "export"; readonly id: number }
  | { readonly kind: "import"; readonly id: number; readonly state: TrainState }
  | { readonly kind: "release"; readonly id: number };

/** A reply: the request's result, or an error. */
export type TrainReply =
  | { readonly kind: "ok"; readonly id: number; readonly value: TrainReplyValue }
  | {
    readonly kind: "error";
    readonly id: number;
    readonly name: string;
    readonly message: string;
  };

/** What a successful request returns. */
export type TrainReplyValue =
  | { readonly kind: "none" }
  | { readonly kind: "step"; readonly result: TrainStepResult }
  | { readonly kind: "grads"; readonly result: GradResult }
  | { readonly kind: "evaluate"; readonly result: EvalResult }
  | { readonly kind: "state"; readonly state: TrainState };
