/**
 * Room `train`: optimizers (AdamW, SGD) updating Float32Array parameters in place, global-norm
 * clipping, gradient accumulation, and the compiled training step (one ONNX graph from batch
 * and parameters to loss, logits and gradients).
 *
 * @module
 */
export { TrainError } from "./train_error.ts";
export {
  isNoDecayParam,
  type Optimizer,
  type OptimizerState,
  type OptimizerStepOptions,
  type ParamArrays,
} from "./optimizer.ts";
export { AdamW, type AdamWOptions } from "./adamw.ts";
export { Sgd, type SgdOptions } from "./sgd.ts";
export { clipCoefficient, clipGradNorm, gradNorm } from "./clip_grad_norm.ts";
export { GradAccumulator } from "./grad_accumulator.ts";
export {
  allocateDropoutMasks,
  dropoutKeys,
  type DropoutSite,
  fillDropoutMask,
  fillDropoutMasks,
} from "./dropout_masks.ts";
export { createOptimizer, type OptimizerConfig } from "./optimizer_config.ts";
export {
  type CompiledTrainStep,
  compileTrainStep,
  type CompileTrainStepOptions,
  DROPOUT_KEYS_INPUT,
  type DropoutMode,
  GRAD_PREFIX,
  type ParamInfo,
  type TrainBuildContext,
  type TrainBuildResult,
} from "./compile_train_step.ts";
export {
  type ApplyGradsOptions,
  type EvalResult,
  type GradResult,
  type GradStepOptions,
  type TrainStepOptions,
  type TrainStepResult,
  TrainStepSession,
  type TrainStepSessionOptions,
} from "./train_step_session.ts";
export { TrainWorker, type TrainWorkerOptions } from "./train_worker.ts";
export type { TrainState } from "./_train_worker_protocol.ts";
