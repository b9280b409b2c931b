/**
 * Gradient accumulation over micro-batches.
 *
 * @module
 */
import type { ParamArrays } from "./optimizer.ts";
import { TrainError } from "./train_error.ts";

/**
 * Sums the gradients of K micro-batches and hands out their mean. This equals Hugging Face's
 * "divide each micro-batch loss by K, then backpropagate" when every micro-batch loss is a mean
 * over equally sized batches. The step graph's loss is never rescaled: the accumulator does the
 * 1/K, so the reported loss stays the per-micro-batch mean.
 *
 * @example
 * ```ts
 * import { GradAccumulator } from "./grad_accumulator.ts";
 * import { deepEqual } from "node:assert/strict";
 * const acc = new GradAccumulator({ w: 2 });
 * acc.add({ w: new Float32Array([1, 3]) });
 * acc.add({ w: new Float32Array([3, 5]) });
 * deepEqual(Array.from(acc.mean().w), [2, 4]);
 * ```
 */
export class GradAccumulator {
  readonly #sums: Record<string, Float32Array> = {};
  #count = 0;
  #averaged = false;

  /** Allocates one zeroed buffer per gradient, `sizes` giving each one's length. */
  constructor(sizes: Readonly<Record<string, number>>) {
    for (const [name, n] of Object.entries(sizes)) this.#sums[name] = new Float32Array(n);
  }

  /** Micro-batches added since the last {@link reset}. */
  get count(): number {
    return this.#count;
  }

  /** Adds one micro-batch's gradients (read, not kept); after {@link mean} it starts afresh. */
  add(grads: ParamArrays): void {
    if (this.#averaged) this.reset();
    for (const [name, sum] of Object.entries(this.#sums)) {
      const g = grads[name];
      if (g === undefined || g.length !== sum.length) {
        throw new TrainError(
          `Cannot accumulate gradients: "${name}" is ${
            g === undefined ? "missing" : `of length ${g.length}`
          }, expected ${sum.length}`,
        );
      }
      for (let i = 0; i < sum.length; i++) sum[i] += g[i];
    }
    this.#count++;
  }

  /**
   * Scales the sums by 1/count in place and returns them: the accumulator's own buffers, valid
   * until the next {@link add} or {@link reset}, which start a new accumulation.
   */
  mean(): ParamArrays {
    if (this.#count === 0 || this.#averaged) {
      throw new TrainError("Cannot average gradients: no micro-batch was added");
    }
    const k = 1 / this.#count;
    for (const sum of Object.values(this.#sums)) {
      for (let i = 0; i < sum.length; i++) sum[i] *= k;
    }
    this.#averaged = true;
    return this.#sums;
  }

  /** Zeroes the sums for the next optimizer step. */
  reset(): void {
    for (const sum of Object.values(this.#sums)) sum.fill(0);
    this.#count = 0;
    this.#averaged = false;
  }
}
