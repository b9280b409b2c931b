/**
 * AdamW (Loshchilov & Hutter) with PyTorch's `torch.optim.AdamW` formulas, in place on
 * Float32Arrays.
 *
 * @module
 */
import {
  checkGrads,
  checkState,
  gradientScale,
  isNoDecayParam,
  learningRate,
  type Optimizer,
  type OptimizerState,
  type OptimizerStepOptions,
  type ParamArrays,
} from "./optimizer.ts";
import { TrainError } from "./train_error.ts";

/** Options of {@link AdamW}. */
export interface AdamWOptions {
  /** Learning rate (default 1e-3); a step may override it. */
  readonly lr?: number;
  /** β₁, β₂ (default [0.9, 0.999]). */
  readonly betas?: readonly [number, number];
  /** ε added to the denominator (default 1e-8). */
  readonly eps?: number;
  /** Decoupled weight decay (default 0.01, as torch). */
  readonly weightDecay?: number;
  /** Parameters exempt from weight decay (default {@link isNoDecayParam}). */
  readonly noDecay?: (name: string) => boolean;
}

/**
 * AdamW with decoupled weight decay and bias correction, as `torch.optim.AdamW`:
 * `p ← p·(1 − lr·wd)`, `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
 * `p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)`. Parameters and moments are updated in place.
 *
 * @example
 * ```ts
 * import { AdamW } from "./adamw.ts";
 * import { ok } from "node:assert/strict";
 * const w = new Float32Array([1, -1]);
 * const opt = new AdamW({ w }, { lr: 0.1, weightDecay: 0 });
 * opt.step({ w: new Float32Array([0.5, -0.5]) });
 * ok(Math.abs(w[0] - 0.9) < 1e-6 && Math.abs(w[1] + 0.9) < 1e-6);
 * ```
 */
export class AdamW implements Optimizer {
  readonly #params: ParamArrays;
  readonly #m: Record<string, Float32Array> = {};
  readonly #v: Record<string, Float32Array> = {};
  readonly #decays: Readonly<Record<string, boolean>>;
  readonly #lr: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #eps: number;
  readonly #weightDecay: number;
  #step = 0;

  /** Holds `params` (updated in place by {@link step}) and allocates zeroed moments. */
  constructor(params: ParamArrays, options: AdamWOptions = {}) {
    const [beta1, beta2] = options.betas ?? [0.9, 0.999];
    this.#lr = options.lr ?? 1e-3;
    this.#beta1 = beta1;
    this.#beta2 = beta2;
    this.#eps = options.eps ?? 1e-8;
    this.#weightDecay = options.weightDecay ?? 0.01;
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
      throw new TrainError(`Cannot create AdamW: betas [${beta1}, ${beta2}] must lie in [0, 1)`);
    }
    if (!(this.#eps >= 0) || !(this.#weightDecay >= 0)) {
      throw new TrainError(
        `Cannot create AdamW: eps ${this.#eps} and weightDecay ${this.#weightDecay} must be ≥ 0`,
      );
    }
    const noDecay = options.noDecay ?? isNoDecayParam;
    const decays: Record<string, boolean> = {};
    for (const [name, p] of Object.entries(params)) {
      this.#m[name] = new Float32Array(p.length);
      this.#v[name] = new Float32Array(p.length);
      decays[name] = !noDecay(name);
    }
    this.#params = params;
    this.#decays = decays;
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.#step;
  }

  /** Whether weight decay applies to parameter `name`. */
  decays(name: string): boolean {
    return this.#decays[name] === true;
  }

  /** One AdamW update of every parameter from `grads`, in place. */
  step(grads: ParamArrays, options?: OptimizerStepOptions): void {
    checkGrads(this.#params, grads, "AdamW");
    const lr = learningRate(options, this.#lr);
    const scale = gradientScale(options);
    const t = ++this.#step;
    const b1 = this.#beta1, b2 = this.#beta2, eps = this.#eps;
    const stepSize = lr / (1 - b1 ** t);
    const invSqrtBc2 = 1 / Math.sqrt(1 - b2 ** t);
    for (const [name, p] of Object.entries(this.#params)) {
      const decay = this.#decays[name] ? 1 - lr * this.#weightDecay : 1;
      adamwUpdate(p, grads[name], this.#m[name], this.#v[name], {
        decay,
        scale,
        b1,
        b2,
        eps,
        stepSize,
        invSqrtBc2,
      });
    }
  }

  /** A copy of step count and moments (`<name>.exp_avg`, `<name>.exp_avg_sq`). */
  exportState(): OptimizerState {
    const buffers: Record<string, Float32Array> = {};
    for (const name of Object.keys(this.#params)) {
      buffers[`${name}.exp_avg`] = this.#m[name].slice();
      buffers[`${name}.exp_avg_sq`] = this.#v[name].slice();
    }
    return { kind: "adamw", step: this.#step, buffers };
  }

  /** Restores step count and moments exported by {@link exportState}. */
  importState(state: OptimizerState): void {
    const mine: Record<string, Float32Array> = {};
    for (const name of Object.keys(this.#params)) {
      mine[`${name}.exp_avg`] = this.#m[name];
      mine[`${name}.exp_avg_sq`] = this.#v[name];
    }
    checkState(state, "adamw", mine);
    for (const [key, buf] of Object.entries(mine)) {
      const saved = state.buffers[key];
      if (saved === undefined) {
        throw new TrainError(`Cannot import optimizer state: buffer "${key}" is missing`);
      }
      buf.set(saved);
    }
    this.#step = state.step;
  }
}

interface AdamWConstants {
  readonly decay: number;
  readonly scale: number;
  readonly b1: number;
  readonly b2: number;
  readonly eps: number;
  readonly stepSize: number;
  readonly invSqrtBc2: number;
}

/** The inner loop over one parameter: kept monomorphic and allocation-free. */
function adamwUpdate(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  c: AdamWConstants,
): void {
  const { decay, scale, b1, b2, eps, stepSize, invSqrtBc2 } = c;
  const a1 = 1 - b1, a2 = 1 - b2;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i] * scale;
    const mi = b1 * m[i] + a1 * gi;
    const vi = b2 * v[i] + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] * decay - (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
  }
}
