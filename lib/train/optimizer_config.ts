/**
 * Optimizers described as plain data, so a worker can build them (functions cannot cross a
 * `postMessage`).
 *
 * @module
 */
import { AdamW } from "./adamw.ts";
import { isNoDecayParam, type Optimizer, type ParamArrays } from "./optimizer.ts";
import { Sgd } from "./sgd.ts";

/** An optimizer as plain data; `noDecay` lists exempt parameters (default {@link isNoDecayParam}). */
export type OptimizerConfig =
  | {
    readonly kind: "adamw";
    readonly lr?: number;
    readonly betas?: readonly [number, number];
    readonly eps?: number;
    readonly weightDecay?: number;
    readonly noDecay?: readonly string[];
  }
  | {
    readonly kind: "sgd";
    readonly lr?: number;
    readonly momentum?: number;
    readonly dampening?: number;
    readonly nesterov?: boolean;
    readonly weightDecay?: number;
    readonly noDecay?: readonly string[];
  };

/**
 * Builds the optimizer a config describes over `params`.
 *
 * @example
 * ```ts
 * import { createOptimizer } from "./optimizer_config.ts";
 * import { equal } from "node:assert/strict";
 * const opt = createOptimizer({ w: new Float32Array(2) }, { kind: "adamw", lr: 1e-3 });
 * equal(opt.stepCount, 0);
 * ```
 */
export function createOptimizer(params: ParamArrays, config: OptimizerConfig): Optimizer {
  const list = config.noDecay;
  const noDecay = list === undefined ? isNoDecayParam : (name: string) => list.includes(name);
  const { kind: _, noDecay: __, ...rest } = config;
  return config.kind === "adamw"
    ? new AdamW(params, { ...rest, noDecay })
    : new Sgd(params, { ...rest, noDecay });
}
