/**
 * Small helpers the gradient rules share.
 *
 * @module
 */
import type { OpSpec, SymTensor } from "../graph/mod.ts";
import { GradientError } from "./gradient_error.ts";
import type { GradContext, GradRule } from "./grad_rule.ts";

export type { RuleTable } from "./grad_rule.ts";

/** A rule from its vector-Jacobian product. */
export function vjp<S extends OpSpec>(
  f: (ctx: GradContext<S>) => readonly (SymTensor | undefined)[],
): GradRule<S> {
  return { kind: "vjp", vjp: f };
}

/** A rule stating that the op has no gradient. */
export function none<S extends OpSpec>(reason: string): GradRule<S> {
  return { kind: "none", reason };
}

/** Runs `f` only when input `i` needs a gradient. */
export function when(
  ctx: GradContext,
  i: number,
  f: () => SymTensor,
): SymTensor | undefined {
  return ctx.needs[i] ? f() : undefined;
}

/** Throws a {@link GradientError} about the rule's node. */
export function fail(ctx: GradContext, reason: string, input?: number): never {
  const t = input === undefined ? undefined : ctx.inputs[input];
  throw new GradientError({
    op: ctx.spec.op,
    output: ctx.outputs[0].name,
    input: t?.name,
    inputShape: t?.shape,
    reason,
  });
}

/** The value of a one-element constant, or undefined when `t` is not one. */
export function constantScalar(t: SymTensor): number | undefined {
  const src = t.graph.source(t);
  if (src.kind !== "constant" || src.data.length !== 1) return undefined;
  return Number(src.data[0]);
}

/** The inverse of a permutation. */
export function invertPerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** `[0, 1, …, n-1]`. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
