/**
 * Room `autodiff`: reverse-mode differentiation over `lib/graph` graphs. `gradients(loss, wrt)`
 * adds the backward nodes — standard ONNX ops only — to the same graph; all rules live in one
 * table keyed by op type (`GRAD_RULES`).
 *
 * @example
 * ```ts
 * import { GraphBuilder, ops } from "../graph/mod.ts";
 * import { gradients } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder();
 * const x = g.param("x", [3]);
 * const [dx] = gradients(ops.reduceSum(ops.mul(x, x), [0]), [x]);
 * deepStrictEqual(dx.shape, [3]);
 * ```
 *
 * @module
 */
export { gradients, type GradientsOptions } from "./gradients.ts";
export { GRAD_RULES } from "./grad_rules.ts";
export type { GradContext, GradRule, RuleTable } from "./grad_rule.ts";
export { GradientError, type GradientErrorOptions } from "./gradient_error.ts";
