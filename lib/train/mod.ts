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
export { clipGradNorm, gradNorm } from "./clip_grad_norm.ts";
export { GradAccumulator } from "./grad_accumulator.ts";
export {
  allocateDropoutMasks,
  dropoutKeys,
  type DropoutSite,
  fillDropoutMask,
  fillDropoutMasks,
} from "./dropout_masks.ts";
