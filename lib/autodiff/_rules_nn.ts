/**
 * Gradient rules of the network ops: matrix products (transposes folded into Gemm flags where
 * the operand is a matrix), softmax, reductions and fused layer normalization (reusing the
 * forward Mean/InvStdDev outputs).
 *
 * @module
 */
import { numel, ops, type SymTensor } from "../graph/mod.ts";
import { fail, range, type RuleTable, vjp, when } from "./_rule_kit.ts";
import type { GradContext } from "./grad_rule.ts";
import { sumLeading } from "./_sum_leading.ts";

const { cast, div, equal, exp, expand, gemm, matmul, mul, reduceMean, reduceSum, reshape } = ops;
const { sub, transpose } = ops;

function swapLast(t: SymTensor): SymTensor {
  const perm = range(t.shape.length);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return transpose(t, perm);
}

function scaled(t: SymTensor, factor: number): SymTensor {
  return factor === 1 ? t : mul(t, factor);
}

/**
 * `dy` reshaped to the reduction's keepdims shape — or left as is when the reduced axes lead, as
 * numpy broadcasting then lines it up by itself.
 */
function kept(ctx: GradContext, axes: readonly number[]): SymTensor {
  const x = ctx.inputs[0], r = x.shape.length;
  const set = new Set(axes.length === 0 ? range(r) : axes.map((a) => (a < 0 ? a + r : a)));
  if ("keepdims" in ctx.spec && ctx.spec.keepdims) return ctx.dy;
  if (range(set.size).every((i) => set.has(i))) return ctx.dy;
  return reshape(ctx.dy, x.shape.map((d, i) => (set.has(i) ? 1 : d)));
}

function normalisedAxes(ctx: GradContext, axes: readonly number[]): number[] {
  const r = ctx.inputs[0].shape.length;
  return axes.length === 0 ? range(r) : axes.map((a) => (a < 0 ? a + r : a));
}

/** dA = dy·Bᵀ for MatMul; a matrix B folds the transpose into a Gemm over flattened rows. */
function matmulGradA(dy: SymTensor, b: SymTensor): SymTensor {
  if (b.shape.length !== 2) return matmul(dy, swapLast(b));
  const [k, n] = b.shape;
  const rows = numel(dy.shape) / n;
  const da = gemm(reshape(dy, [rows, n]), b, { transB: true }); // [rows, K]
  return reshape(da, [...dy.shape.slice(0, -1), k]);
}

/** dB = Aᵀ·dy for MatMul; a matrix B sums over all rows in one Gemm (transA). */
function matmulGradB(dy: SymTensor, a: SymTensor, b: SymTensor): SymTensor {
  if (b.shape.length === 2) {
    const [k, n] = b.shape;
    const rows = numel(a.shape) / k;
    return gemm(reshape(a, [rows, k]), reshape(dy, [rows, n]), { transA: true }); // [K, N]
  }
  return matmul(swapLast(a), dy);
}

/** Rules of the network ops. */
export const NN_RULES: RuleTable<
  | "MatMul"
  | "Gemm"
  | "CumSum"
  | "Softmax"
  | "LogSoftmax"
  | "ReduceSum"
  | "ReduceMean"
  | "ReduceMax"
  | "LayerNormalization"
> = {
  MatMul: vjp((ctx) => {
    const [a, b] = ctx.inputs;
    if (a.shape.length < 2 || b.shape.length < 2) {
      fail(ctx, "MatMul gradients need operands of rank ≥ 2", a.shape.length < 2 ? 0 : 1);
    }
    return [
      when(ctx, 0, () => matmulGradA(ctx.dy, b)),
      when(ctx, 1, () => matmulGradB(ctx.dy, a, b)),
    ];
  }),
  Gemm: vjp((ctx) => {
    const [a, b] = ctx.inputs;
    const { transA, transB, alpha, beta } = ctx.spec;
    const dy = ctx.dy;
    return [
      when(ctx, 0, () =>
        transA
          ? gemm(b, dy, { transA: transB, transB: true, alpha }) // op(B)·dyᵀ = [K, M]
          : gemm(dy, b, { transB: !transB, alpha })), // dy·op(B)ᵀ = [M, K]
      when(ctx, 1, () =>
        transB
          ? gemm(dy, a, { transA: true, transB: transA, alpha }) // dyᵀ·op(A) = [N, K]
          : gemm(a, dy, { transA: !transA, alpha })), // op(A)ᵀ·dy = [K, N]
      when(ctx, 2, () => scaled(dy, beta)),
    ];
  }),
  // The adjoint of a running sum is the running sum the other way.
  CumSum: vjp(({ dy, spec }) => [
    ops.cumSum(dy, { axis: spec.axis, exclusive: spec.exclusive, reverse: !spec.reverse }),
  ]),
  // dx = y·(dy − Σ dy·y)
  Softmax: vjp(({ dy, outputs: [y], spec }) => [
    mul(y, sub(dy, reduceSum(mul(dy, y), [spec.axis], { keepdims: true }))),
  ]),
  // dx = dy − softmax·Σ dy
  LogSoftmax: vjp(({ dy, outputs: [y], spec }) => [
    sub(dy, mul(exp(y), reduceSum(dy, [spec.axis], { keepdims: true }))),
  ]),
  ReduceSum: vjp((ctx) => [expand(kept(ctx, ctx.spec.axes), ctx.inputs[0].shape)]),
  ReduceMean: vjp((ctx) => {
    const x = ctx.inputs[0];
    const count = normalisedAxes(ctx, ctx.spec.axes).reduce((n, a) => n * x.shape[a], 1);
    return [expand(mul(kept(ctx, ctx.spec.axes), 1 / count), x.shape)];
  }),
  // Ties share the gradient equally.
  ReduceMax: vjp((ctx) => {
    const x = ctx.inputs[0];
    const axes = normalisedAxes(ctx, ctx.spec.axes);
    const y = ctx.spec.keepdims ? ctx.outputs[0] : reshape(ctx.outputs[0], kept(ctx, axes).shape);
    const hit = cast(equal(x, y), x.dtype);
    const share = div(kept(ctx, axes), reduceSum(hit, axes, { keepdims: true }));
    return [mul(hit, share)];
  }),
  // x̂ = (x − μ)·σ⁻¹; dγ = Σ dy·x̂; dβ = Σ dy; dx = σ⁻¹·(dy·γ − mean(dy·γ) − x̂·mean(dy·γ·x̂))
  LayerNormalization: vjp((ctx) => {
    if (ctx.grads[1] !== undefined || ctx.grads[2] !== undefined) {
      fail(ctx, "gradients through the Mean/InvStdDev outputs are not supported");
    }
    const [x, gamma] = ctx.inputs;
    const mean = cast(ctx.outputs[1], ctx.inputs[0].dtype);
    const invStd = cast(ctx.outputs[2], ctx.inputs[0].dtype);
    const dy = ctx.dy;
    const r = x.shape.length, axis = ctx.spec.axis < 0 ? ctx.spec.axis + r : ctx.spec.axis;
    const lead = range(axis), norm = range(r).slice(axis);
    const needsXhat = ctx.needs[0] || ctx.needs[1];
    const xhat = needsXhat ? mul(sub(x, mean), invStd) : undefined;
    return [
      when(ctx, 0, () => {
        const gg = mul(dy, gamma);
        const m1 = reduceMean(gg, norm, { keepdims: true });
        const m2 = reduceMean(mul(gg, xhat!), norm, { keepdims: true });
        return mul(sub(sub(gg, m1), mul(xhat!, m2)), invStd);
      }),
      when(ctx, 1, () => sumLeading(mul(dy, xhat!), lead.length)),
      when(ctx, 2, () => sumLeading(dy, lead.length)),
    ];
  }),
};
