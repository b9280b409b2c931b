/**
 * Gradient rules of the elementwise ops. Results may have the broadcast shape: the walker
 * un-broadcasts them to each input's shape.
 *
 * @module
 */
import { type BinaryOpType, ops, type UnaryOpType } from "../graph/mod.ts";
import { constantScalar, none, type RuleTable, vjp, when } from "./_rule_kit.ts";

const { add, cast, div, erf, exp, greater, greaterOrEqual, lessOrEqual, log, mul, neg, pow, sign } =
  ops;
const { sub, where } = ops;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const NO_GRAD = "its output is piecewise constant (or not a float)";

/** Rules of the unary ops. */
export const UNARY_RULES: RuleTable<UnaryOpType | "Gelu"> = {
  Neg: vjp(({ dy }) => [neg(dy)]),
  Exp: vjp(({ dy, outputs: [y] }) => [mul(dy, y)]),
  Log: vjp(({ dy, inputs: [x] }) => [div(dy, x)]),
  Sqrt: vjp(({ dy, outputs: [y] }) => [div(mul(dy, 0.5), y)]),
  Reciprocal: vjp(({ dy, outputs: [y] }) => [neg(mul(dy, mul(y, y)))]),
  Tanh: vjp(({ dy, outputs: [y] }) => [mul(dy, sub(1, mul(y, y)))]),
  Sigmoid: vjp(({ dy, outputs: [y] }) => [mul(dy, mul(y, sub(1, y)))]),
  Relu: vjp(({ dy, outputs: [y] }) => [where(greater(y, 0), dy, 0)]),
  Erf: vjp(({ dy, inputs: [x] }) => [mul(dy, mul(exp(neg(mul(x, x))), TWO_OVER_SQRT_PI))]),
  // d/dx x·Φ(x) = Φ(x) + x·φ(x), Φ(x) = (1 + erf(x/√2))/2, φ(x) = e^(−x²/2)/√(2π)
  Gelu: vjp(({ dy, inputs: [x] }) => {
    const cdf = mul(add(erf(mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = mul(exp(mul(mul(x, x), -0.5)), INV_SQRT_2PI);
    return [mul(dy, add(cdf, mul(x, pdf)))];
  }),
  Abs: vjp(({ dy, inputs: [x] }) => [mul(dy, sign(x))]),
  Identity: vjp(({ dy }) => [dy]),
  Sign: none(NO_GRAD),
  Not: none(NO_GRAD),
};

/** Rules of the broadcasting binary ops, Sum, Where and Cast. */
export const BINARY_RULES: RuleTable<BinaryOpType | "Sum" | "Where" | "Cast"> = {
  Add: vjp(({ dy }) => [dy, dy]),
  Sub: vjp((ctx) => [ctx.dy, when(ctx, 1, () => neg(ctx.dy))]),
  Mul: vjp((ctx) => {
    const [a, b] = ctx.inputs;
    return [when(ctx, 0, () => mul(ctx.dy, b)), when(ctx, 1, () => mul(ctx.dy, a))];
  }),
  Div: vjp((ctx) => {
    const [, b] = ctx.inputs;
    const [y] = ctx.outputs;
    return [
      when(ctx, 0, () => div(ctx.dy, b)),
      when(ctx, 1, () => neg(div(mul(ctx.dy, y), b))),
    ];
  }),
  Pow: vjp((ctx) => {
    const [a, b] = ctx.inputs;
    const c = constantScalar(b);
    return [
      when(
        ctx,
        0,
        () =>
          c === undefined
            ? mul(ctx.dy, mul(b, pow(a, sub(b, 1))))
            : c === 2
            ? mul(ctx.dy, mul(a, 2))
            : mul(ctx.dy, mul(pow(a, c - 1), c)),
      ),
      when(ctx, 1, () => mul(ctx.dy, mul(ctx.outputs[0], log(a)))),
    ];
  }),
  // Ties go to the first operand.
  Max: vjp((ctx) => {
    const pick = greaterOrEqual(ctx.inputs[0], ctx.inputs[1]);
    return [when(ctx, 0, () => where(pick, ctx.dy, 0)), when(ctx, 1, () => where(pick, 0, ctx.dy))];
  }),
  Min: vjp((ctx) => {
    const pick = lessOrEqual(ctx.inputs[0], ctx.inputs[1]);
    return [when(ctx, 0, () => where(pick, ctx.dy, 0)), when(ctx, 1, () => where(pick, 0, ctx.dy))];
  }),
  Equal: none(NO_GRAD),
  Less: none(NO_GRAD),
  Greater: none(NO_GRAD),
  LessOrEqual: none(NO_GRAD),
  GreaterOrEqual: none(NO_GRAD),
  And: none(NO_GRAD),
  Or: none(NO_GRAD),
  BitwiseAnd: none(NO_GRAD),
  BitwiseXor: none(NO_GRAD),
  Sum: vjp(({ dy, inputs }) => inputs.map(() => dy)),
  Where: vjp((ctx) => {
    const [cond] = ctx.inputs;
    return [
      undefined,
      when(ctx, 1, () => where(cond, ctx.dy, 0)),
      when(ctx, 2, () => where(cond, 0, ctx.dy)),
    ];
  }),
  Cast: vjp(({ dy, inputs: [x] }) => [cast(dy, x.dtype)]),
};
