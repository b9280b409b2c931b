/**
 * Global-norm gradient clipping with `torch.nn.utils.clip_grad_norm_` semantics.
 *
 * @module
 */
import type { ParamArrays } from "./optimizer.ts";
import { TrainError } from "./train_error.ts";

/**
 * The global L2 norm of all gradients together, `√(Σ‖g‖²)`, accumulated in double precision.
 *
 * @example
 * ```ts
 * import { gradNorm } from "./clip_grad_norm.ts";
 * import { equal } from "node:assert/strict";
 * equal(gradNorm({ a: new Float32Array([3]), b: new Float32Array([4]) }), 5);
 * ```
 */
export function gradNorm(grads: ParamArrays): number {
  let sum = 0;
  for (const g of Object.values(grads)) {
    for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  }
  return Math.sqrt(sum);
}

/**
 * The factor `clipGradNorm` would scale by: `maxNorm / (norm + 1e-6)` when below 1, else 1 (also
 * 1 for a non-finite norm). Pass it as the optimizer's `gradScale` to clip without a pass.
 *
 * @example
 * ```ts
 * import { clipCoefficient } from "./clip_grad_norm.ts";
 * import { equal } from "node:assert/strict";
 * equal(clipCoefficient(0.5, 1), 1);
 * equal(clipCoefficient(4, 2), 2 / (4 + 1e-6));
 * ```
 */
export function clipCoefficient(norm: number, maxNorm: number): number {
  if (!(maxNorm > 0)) {
    throw new TrainError(`Cannot clip gradients: maxNorm ${maxNorm} must be > 0`);
  }
  const coef = maxNorm / (norm + 1e-6);
  return coef < 1 ? coef : 1;
}

/**
 * Clips gradients **in place** so their global L2 norm is at most `maxNorm`, as
 * `torch.nn.utils.clip_grad_norm_` (and Hugging Face's Trainer): every gradient is scaled by
 * `maxNorm / (norm + 1e-6)` when that factor is below 1. Returns the norm before clipping. A
 * non-finite norm leaves the gradients untouched and is returned, so the caller can skip the
 * step (torch would spread the NaN into every gradient).
 *
 * @example
 * ```ts
 * import { clipGradNorm } from "./clip_grad_norm.ts";
 * import { equal, ok } from "node:assert/strict";
 * const g = { w: new Float32Array([3, 4]) };
 * equal(clipGradNorm(g, 1), 5);
 * ok(Math.abs(Math.hypot(g.w[0], g.w[1]) - 1) < 1e-6);
 * ```
 */
export function clipGradNorm(grads: ParamArrays, maxNorm: number): number {
  const norm = gradNorm(grads);
  const coef = clipCoefficient(norm, maxNorm);
  if (coef < 1) {
    for (const g of Object.values(grads)) {
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    }
  }
  return norm;
}
