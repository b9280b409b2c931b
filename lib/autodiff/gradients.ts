/**
 * The reverse-mode walker: visits the forward nodes between `wrt` and the loss in reverse order,
 * calls each op's rule from the one table, un-broadcasts results to their inputs' shapes and
 * accumulates fan-in — the only place either happens.
 *
 * @module
 */
import {
  broadcastsTo,
  type GraphBuilder,
  type GraphNode,
  isFloat,
  ops,
  type OpSpec,
  sameShape,
  type SymTensor,
} from "../graph/mod.ts";
import { GradientError } from "./gradient_error.ts";
import type { GradContext, GradRule } from "./grad_rule.ts";
import { GRAD_RULES } from "./grad_rules.ts";
import { sumLeading } from "./_sum_leading.ts";

/** Options of {@link gradients}. */
export interface GradientsOptions {
  /** The gradient of the loss (default: ones; the loss is usually a scalar). */
  readonly seed?: SymTensor;
}

/** Values on a path from some `wrt` to `loss`: the only ones that need a gradient. */
function activeValues(g: GraphBuilder, loss: SymTensor, wrt: readonly SymTensor[]): Set<number> {
  const fromWrt = new Set(wrt.map((w) => w.id));
  for (const n of g.nodes) {
    if (n.inputs.some((t) => fromWrt.has(t.id))) { for (const o of n.outputs) fromWrt.add(o.id); }
  }
  const toLoss = new Set([loss.id]);
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i];
    if (n.outputs.some((o) => toLoss.has(o.id))) { for (const t of n.inputs) toLoss.add(t.id); }
  }
  return new Set([...fromWrt].filter((id) => toLoss.has(id)));
}

/** `grad` summed over the axes that broadcasting added to `input`, reshaped to its shape. */
function unbroadcast(node: GraphNode, input: SymTensor, grad: SymTensor): SymTensor {
  if (sameShape(grad.shape, input.shape) && grad.dtype === input.dtype) return grad;
  if (grad.dtype !== input.dtype || !broadcastsTo(input.shape, grad.shape)) {
    throw new GradientError({
      op: node.spec.op,
      output: node.outputs[0].name,
      input: input.name,
      gradShape: grad.shape,
      inputShape: input.shape,
      reason: grad.dtype !== input.dtype
        ? `the gradient is ${grad.dtype}, the input ${input.dtype}`
        : "the gradient's shape does not reduce to the input's",
    });
  }
  const lead = grad.shape.length - input.shape.length;
  const axes = grad.shape
    .map((d, i) => (i < lead || (input.shape[i - lead] === 1 && d !== 1) ? i : -1))
    .filter((i) => i >= 0);
  if (lead > 0 && axes.length === lead) return sumLeading(grad, lead);
  const dropped = grad.shape.filter((_, i) => !axes.includes(i));
  const keepdims = !sameShape(dropped, input.shape);
  return ops.reshape(ops.reduceSum(grad, axes, { keepdims }), input.shape);
}

/** Checks the boundary: a float loss, float `wrt` of the same graph, a seed shaped like the loss. */
function validate(loss: SymTensor, wrt: readonly SymTensor[], seed: SymTensor | undefined): void {
  const bad = (what: string, t: SymTensor, reason: string) =>
    new GradientError({
      op: "gradients",
      output: loss.name,
      input: t.name,
      inputShape: t.shape,
      reason: `${what} ${reason}`,
    });
  if (!isFloat(loss.dtype)) throw bad("the loss", loss, `is ${loss.dtype}, not a float`);
  for (const w of wrt) {
    loss.graph.source(w); // throws for a value of another graph
    if (!isFloat(w.dtype)) throw bad("a wrt value", w, `is ${w.dtype}, not a float`);
  }
  if (seed !== undefined && (!sameShape(seed.shape, loss.shape) || seed.dtype !== loss.dtype)) {
    throw bad("the seed", seed, `must be ${loss.dtype}[${loss.shape.join(",")}]`);
  }
}

function ruleOf(spec: OpSpec): GradRule {
  return GRAD_RULES[spec.op] as GradRule;
}

/**
 * The gradients of `loss` with respect to each of `wrt`, as new nodes on the same graph built
 * from standard ONNX ops. Only nodes on a path from some `wrt` to `loss` are differentiated; a
 * `wrt` that does not reach the loss gets zeros. Results are in `wrt` order.
 *
 * @example
 * ```ts
 * import { GraphBuilder, ops } from "../graph/mod.ts";
 * import { gradients } from "./gradients.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder();
 * const x = g.input("x", "float32", [4, 3]);
 * const w = g.param("w", [2, 3]);
 * const loss = ops.reduceSum(ops.linear(x, w), [0, 1]);
 * const [dw] = gradients(loss, [w]);
 * deepStrictEqual(dw.shape, [2, 3]);
 * ```
 */
export function gradients(
  loss: SymTensor,
  wrt: readonly SymTensor[],
  options: GradientsOptions = {},
): SymTensor[] {
  const g = loss.graph;
  validate(loss, wrt, options.seed);
  const active = activeValues(g, loss, wrt);
  const pending = new Map<number, SymTensor[]>();
  const total = new Map<number, SymTensor>();
  const seed = options.seed ??
    (loss.shape.length === 0
      ? g.scalar(1, loss.dtype)
      : ops.fill(g, loss.shape, { value: 1, dtype: loss.dtype }));
  pending.set(loss.id, [seed]);
  const collect = (t: SymTensor): SymTensor | undefined => {
    const hit = total.get(t.id);
    if (hit !== undefined) return hit;
    const parts = pending.get(t.id);
    if (parts === undefined) return undefined;
    const sum = parts.length === 1
      ? parts[0]
      : g.scope("/", () => ops.sum(parts, { name: `grad.${t.name}` }));
    total.set(t.id, sum);
    return sum;
  };
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const node = g.nodes[i];
    const needs = node.inputs.map((t) => active.has(t.id) && isFloat(t.dtype));
    if (!needs.some(Boolean) || !node.outputs.some((o) => active.has(o.id))) continue;
    const rule = ruleOf(node.spec);
    if (rule.kind === "none") continue;
    const grads = node.outputs.map(collect);
    if (grads.every((d) => d === undefined)) continue;
    const first = node.outputs[0];
    const results = g.scope(`/bwd.${first.name}`, () => {
      const ctx: GradContext = {
        spec: node.spec,
        node,
        inputs: node.inputs,
        outputs: node.outputs,
        grads,
        dy: grads[0] ?? ops.fill(g, first.shape, { dtype: first.dtype }),
        needs,
      };
      return rule.vjp(ctx);
    });
    node.inputs.forEach((input, k) => {
      const r = results[k];
      if (!needs[k] || r === undefined) return;
      const fitted = g.scope(`/bwd.${first.name}`, () => unbroadcast(node, input, r));
      pending.set(input.id, [...(pending.get(input.id) ?? []), fitted]);
    });
  }
  return wrt.map((w) =>
    collect(w) ??
      g.scope("/", () => ops.fill(g, w.shape, { dtype: w.dtype, name: `grad.${w.name}` }))
  );
}
