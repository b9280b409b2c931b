/**
 * What every optimizer shares: named Float32Array parameters updated in place, a step counter,
 * and a state that round-trips through checkpoints.
 *
 * @module
 */
import { TrainError } from "./train_error.ts";

/** Named parameter (or gradient) arrays. Parameters are updated in place by `step`. */
export type ParamArrays = Readonly<Record<string, Float32Array>>;

/** Per-step options of {@link Optimizer.step}. */
export interface OptimizerStepOptions {
  /** The learning rate of this step (from a schedule); default the optimizer's `lr`. */
  readonly lr?: number;
  /**
   * Multiplies every gradient by this before the update (default 1), without touching the
   * gradient arrays: clipping folded into the update saves one pass over the gradients.
   */
  readonly gradScale?: number;
}

/** A saved optimizer state: its kind, how many steps it took and its per-parameter buffers. */
export interface OptimizerState {
  /** Which optimizer wrote it (`"adamw"` or `"sgd"`). */
  readonly kind: "adamw" | "sgd";
  /** Steps taken (AdamW's bias correction uses it). */
  readonly step: number;
  /**
   * Buffers by `<param name>.<buffer>`: AdamW's `exp_avg`/`exp_avg_sq`, SGD's
   * `momentum_buffer` (absent until the first step).
   */
  readonly buffers: Readonly<Record<string, Float32Array>>;
}

/** An optimizer updating parameters in place. */
export interface Optimizer {
  /** Steps taken so far. */
  readonly stepCount: number;
  /** Applies one update from `grads` (one array per parameter) to the parameters, in place. */
  step(grads: ParamArrays, options?: OptimizerStepOptions): void;
  /** A copy of the state, for checkpoints. */
  exportState(): OptimizerState;
  /** Restores a state written by {@link exportState} (copied into the optimizer's buffers). */
  importState(state: OptimizerState): void;
}

/**
 * The default "no weight decay" rule: biases and layer-norm weights. True for names ending in
 * `bias`, containing `LayerNorm` or `layer_norm`, or with a dotted segment starting `ln`
 * (`ln`, `ln_f`, `ln1`).
 *
 * @example
 * ```ts
 * import { isNoDecayParam } from "./optimizer.ts";
 * import { equal } from "node:assert/strict";
 * equal(isNoDecayParam("encoder.layer.0.attention.output.LayerNorm.weight"), true);
 * equal(isNoDecayParam("encoder.layer.0.attention.self.query.weight"), false);
 * ```
 */
export function isNoDecayParam(name: string): boolean {
  return name.endsWith("bias") || name.includes("LayerNorm") || name.includes("layer_norm") ||
    name.split(".").some((segment) => segment.startsWith("ln"));
}

/** Checks that `grads` has one array of the right length per parameter. */
export function checkGrads(params: ParamArrays, grads: ParamArrays, who: string): void {
  for (const [name, p] of Object.entries(params)) {
    const g = grads[name];
    if (g === undefined) {
      throw new TrainError(`Cannot take an ${who} step: no gradient for parameter "${name}"`);
    }
    if (g.length !== p.length) {
      throw new TrainError(
        `Cannot take an ${who} step: gradient "${name}" has ${g.length} values, ` +
          `the parameter ${p.length}`,
      );
    }
  }
}

/** Checks a state's kind and buffer lengths before it is imported. */
export function checkState(
  state: OptimizerState,
  kind: OptimizerState["kind"],
  expected: Readonly<Record<string, Float32Array>>,
): void {
  if (state.kind !== kind) {
    throw new TrainError(`Cannot import optimizer state: it is "${state.kind}", not "${kind}"`);
  }
  if (!Number.isInteger(state.step) || state.step < 0) {
    throw new TrainError(`Cannot import optimizer state: step ${state.step} is not valid`);
  }
  for (const [key, buf] of Object.entries(state.buffers)) {
    const mine = expected[key];
    if (mine === undefined || mine.length !== buf.length) {
      throw new TrainError(
        `Cannot import optimizer state: buffer "${key}" (${buf.length} values) does not match`,
      );
    }
  }
}

/** Reads a gradient scale, validating it. */
export function gradientScale(options: OptimizerStepOptions | undefined): number {
  const scale = options?.gradScale ?? 1;
  if (!Number.isFinite(scale)) {
    throw new TrainError(`Cannot take an optimizer step: gradScale ${scale} is not finite`);
  }
  return scale;
}

/** Reads a learning rate, validating it. */
export function learningRate(options: OptimizerStepOptions | undefined, fallback: number): number {
  const lr = options?.lr ?? fallback;
  if (!(lr >= 0) || !Number.isFinite(lr)) {
    throw new TrainError(`Cannot take an optimizer step: learning rate ${lr} is not valid`);
  }
  return lr;
}
