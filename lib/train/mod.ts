/**
 * Room `train`: optimizers (AdamW, SGD) updating Float32Array parameters in place, global-norm
 * clipping, gradient accumulation, and the compiled training step (one ONNX graph from batch
 * and parameters to loss, logits and gradients).
 *
 * A trainer compiles once per shape bucket, binds parameter arrays and an optimizer, and calls
 * `step` per batch with the step index (which keys the dropout masks) and the scheduled learning
 * rate; `TrainWorker` offers the same calls with the work in a worker thread.
 *
 * @example Train a linear classifier for a few steps
 * ```ts
 * import { AdamW, compileTrainStep, TrainStepSession } from "./mod.ts";
 * import { ops } from "../graph/mod.ts";
 * import { ok } from "node:assert/strict";
 * const compiled = compileTrainStep({
 *   build: (g, ctx) => {
 *     const x = g.input("x", "float32", [4, 2]);
 *     const labels = g.input("labels", "int64", [4]);
 *     const h = ctx.dropout(x, 0.1);
 *     const logits = ops.linear(h, g.param("fc.weight", [2, 2]), { bias: g.param("fc.bias", [2]) });
 *     return { loss: ops.softmaxCrossEntropy(logits, labels), logits };
 *   },
 * });
 * const params = { "fc.weight": new Float32Array([0.1, -0.1, 0.05, 0.2]), "fc.bias": new Float32Array(2) };
 * const session = await TrainStepSession.create(compiled, params, new AdamW(params, { lr: 0.1 }), {
 *   seed: 42,
 * });
 * const batch = {
 *   x: { data: new Float32Array([1, 0, 0, 1, 2, 0, 0, 2]), dims: [4, 2] },
 *   labels: { data: new BigInt64Array([0n, 1n, 0n, 1n]), dims: [4] },
 * };
 * const first = await session.step(batch, { step: 0, maxGradNorm: 1 });
 * for (let step = 1; step < 20; step++) await session.step(batch, { step, lr: 0.1 });
 * const { loss } = await session.evaluate(batch);
 * ok(loss < first.loss);
 * await session.release();
 * ```
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
