/**
 * SGD with momentum (and Nesterov), with PyTorch's `torch.optim.SGD` formulas, in place on
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

/** Options of {@link Sgd}. */
export interface SgdOptions {
  /** Learning rate (default 1e-2); a step may override it. */
  readonly lr?: number;
  /** Momentum factor (default 0: plain SGD). */
  readonly momentum?: number;
  /** Dampening of the momentum (default 0). */
  readonly dampening?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). */
  readonly nesterov?: boolean;
  /** L2 penalty added to the gradient, torch-style (default 0). */
  readonly weightDecay?: number;
  /** Parameters exempt from weight decay (default {@link isNoDecayParam}). */
  readonly noDecay?: (name: string) => boolean;
}

/**
 * SGD as `torch.optim.SGD`: `g ← g + wd·p`; with momentum μ the buffer is `b ← g` on the first
 * step and `b ← μb + (1−dampening)g` after; the update direction is `b`, or `g + μb` with
 * Nesterov; `p ← p − lr·direction`.
 *
 * @example
 * ```ts
 * import { Sgd } from "./sgd.ts";
 * import { ok } from "node:assert/strict";
 * const w = new Float32Array([1]);
 * const opt = new Sgd({ w }, { lr: 0.1, momentum: 0.9 });
 * opt.step({ w: new Float32Array([1]) }); // b = 1, w = 0.9
 * opt.step({ w: new Float32Array([1]) }); // b = 1.9, w = 0.71
 * ok(Math.abs(w[0] - 0.71) < 1e-6);
 * ```
 */
export class Sgd implements Optimizer {
  readonly #params: ParamArrays;
  readonly #buffers: Record<string, Float32Array> = {};
  readonly #decays: Readonly<Record<string, boolean>>;
  readonly #lr: number;
  readonly #momentum: number;
  readonly #dampening: number;
  readonly #nesterov: boolean;
  readonly #weightDecay: number;
  #step = 0;

  /** Holds `params` (updated in place by {@link step}). */
  constructor(params: ParamArrays, options: SgdOptions = {}) {
    this.#lr = options.lr ?? 1e-2;
    this.#momentum = options.momentum ?? 0;
    this.#dampening = options.dampening ?? 0;
    this.#nesterov = options.nesterov ?? false;
    this.#weightDecay = options.weightDecay ?? 0;
    if (!(this.#momentum >= 0) || !(this.#weightDecay >= 0)) {
      throw new TrainError(
        `Cannot create SGD: momentum ${this.#momentum} and weightDecay ${this.#weightDecay} ` +
          `must be ≥ 0`,
      );
    }
    if (this.#nesterov && (this.#momentum <= 0 || this.#dampening !== 0)) {
      throw new TrainError(
        `Cannot create SGD: Nesterov needs momentum > 0 and dampening 0, got ` +
          `${this.#momentum} and ${this.#dampening}`,
      );
    }
    const noDecay = options.noDecay ?? isNoDecayParam;
    const decays: Record<string, boolean> = {};
    for (const name of Object.keys(params)) decays[name] = !noDecay(name);
    this.#params = params;
    this.#decays = decays;
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.#step;
  }

  /** One SGD update of every parameter from `grads`, in place. */
  step(grads: ParamArrays, options?: OptimizerStepOptions): void {
    checkGrads(this.#params, grads, "SGD");
    const lr = learningRate(options, this.#lr);
    const scale = gradientScale(options);
    const mu = this.#momentum, damp = 1 - this.#dampening, nesterov = this.#nesterov;
    for (const [name, p] of Object.entries(this.#params)) {
      const g = grads[name];
      const wd = this.#decays[name] ? this.#weightDecay : 0;
      if (mu === 0) {
        for (let i = 0; i < p.length; i++) p[i] -= lr * (g[i] * scale + wd * p[i]);
        continue;
      }
      const first = this.#buffers[name] === undefined;
      const b = this.#buffers[name] ??= new Float32Array(p.length);
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] * scale + wd * p[i];
        const bi = first ? gi : mu * b[i] + damp * gi;
        b[i] = bi;
        p[i] -= lr * (nesterov ? gi + mu * bi : bi);
      }
    }
    this.#step++;
  }

  /** A copy of step count and momentum buffers (`<name>.momentum_buffer`). */
  exportState(): OptimizerState {
    const buffers: Record<string, Float32Array> = {};
    for (const [name, b] of Object.entries(this.#buffers)) {
      buffers[`${name}.momentum_buffer`] = b.slice();
    }
    return { kind: "sgd", step: this.#step, buffers };
  }

  /** Restores step count and momentum buffers exported by {@link exportState}. */
  importState(state: OptimizerState): void {
    const expected: Record<string, Float32Array> = {};
    for (const [name, p] of Object.entries(this.#params)) {
      expected[`${name}.momentum_buffer`] = p;
    }
    checkState(state, "sgd", expected);
    for (const name of Object.keys(this.#buffers)) delete this.#buffers[name];
    for (const name of Object.keys(this.#params)) {
      const saved = state.buffers[`${name}.momentum_buffer`];
      if (saved !== undefined) this.#buffers[name] = saved.slice();
    }
    this.#step = state.step;
  }
}
