/**
 * The one table of gradient rules, keyed by op type: a missing op is a compile error, and ops
 * without a gradient say so explicitly.
 *
 * @module
 */
import type { OpType } from "../graph/mod.ts";
import { BINARY_RULES, UNARY_RULES } from "./_rules_elementwise.ts";
import { NN_RULES } from "./_rules_nn.ts";
import { TENSOR_RULES } from "./_rules_tensor.ts";
import type { RuleTable } from "./grad_rule.ts";

/**
 * Every op's gradient rule.
 *
 * @example
 * ```ts
 * import { GRAD_RULES } from "./grad_rules.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(GRAD_RULES.MatMul.kind, "vjp");
 * strictEqual(GRAD_RULES.Equal.kind, "none");
 * ```
 */
export const GRAD_RULES: RuleTable<OpType> = {
  ...UNARY_RULES,
  ...BINARY_RULES,
  ...TENSOR_RULES,
  ...NN_RULES,
};
