/**
 * Elementwise op builders: unary maths, broadcasting binary ops, comparisons, Where and Cast.
 *
 * @module
 */
import { emit1, type Operand, operands, type OpOptions } from "./_emit.ts";
import type { BinaryOpType, GraphDType, SymTensor, UnaryOpType } from "./types.ts";

function unary(op: UnaryOpType, x: SymTensor, options?: OpOptions): SymTensor {
  return emit1({ op }, [x], options);
}

/** The value of a shape-[] constant, or undefined. */
function scalarValue(t: SymTensor): number | undefined {
  const src = t.graph.source(t);
  return src.kind === "constant" && t.shape.length === 0 ? Number(src.data[0]) : undefined;
}

const FOLD: Partial<Record<BinaryOpType, (x: number, y: number) => number>> = {
  Add: (x, y) => x + y,
  Sub: (x, y) => x - y,
  Mul: (x, y) => x * y,
  Div: (x, y) => x / y,
};

/** Folds scalar-constant arithmetic and the identities x·1, x/1, x+0, x−0 at build time. */
function folded(op: BinaryOpType, ta: SymTensor, tb: SymTensor): SymTensor | undefined {
  const fold = FOLD[op];
  if (fold === undefined || ta.dtype !== tb.dtype || !ta.dtype.startsWith("float")) {
    return undefined;
  }
  const va = scalarValue(ta), vb = scalarValue(tb);
  if (va !== undefined && vb !== undefined) return ta.graph.scalar(fold(va, vb), ta.dtype);
  if (vb === (op === "Mul" || op === "Div" ? 1 : 0)) return ta;
  if (op === "Mul" && va === 1) return tb;
  if (op === "Add" && va === 0) return tb;
  return undefined;
}

function binary(op: BinaryOpType, a: Operand, b: Operand, options?: OpOptions): SymTensor {
  const [ta, tb] = operands([a, b], op);
  return folded(op, ta, tb) ?? emit1({ op }, [ta, tb], options);
}

/** `-x`. */
export function neg(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Neg", x, options);
}
/** `e^x`. */
export function exp(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Exp", x, options);
}
/** Natural logarithm. */
export function log(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Log", x, options);
}
/** Square root. */
export function sqrt(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Sqrt", x, options);
}
/** `1 / x`. */
export function reciprocal(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Reciprocal", x, options);
}
/** Hyperbolic tangent. */
export function tanh(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Tanh", x, options);
}
/** Gauss error function. */
export function erf(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Erf", x, options);
}
/** Logistic sigmoid. */
export function sigmoid(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Sigmoid", x, options);
}
/** `max(x, 0)`. */
export function relu(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Relu", x, options);
}
/** `|x|`. */
export function abs(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Abs", x, options);
}
/** −1, 0 or 1 (no gradient). */
export function sign(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Sign", x, options);
}
/** Logical not of a bool tensor. */
export function not(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Not", x, options);
}
/** A copy of `x` under a new name. */
export function identity(x: SymTensor, options?: OpOptions): SymTensor {
  return unary("Identity", x, options);
}

/** `a + b` with numpy broadcasting. */
export function add(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Add", a, b, options);
}
/** `a − b` with numpy broadcasting. */
export function sub(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Sub", a, b, options);
}
/** `a · b` with numpy broadcasting. */
export function mul(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Mul", a, b, options);
}
/** `a / b` with numpy broadcasting. */
export function div(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Div", a, b, options);
}
/** `a ^ b` with numpy broadcasting (usually a constant exponent). */
export function pow(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Pow", a, b, options);
}
/** Elementwise maximum. */
export function max(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Max", a, b, options);
}
/** Elementwise minimum. */
export function min(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Min", a, b, options);
}
/** `a == b` (bool, no gradient). */
export function equal(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Equal", a, b, options);
}
/** `a < b` (bool, no gradient). */
export function less(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Less", a, b, options);
}
/** `a > b` (bool, no gradient). */
export function greater(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("Greater", a, b, options);
}
/** `a ≤ b` (bool, no gradient). */
export function lessOrEqual(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("LessOrEqual", a, b, options);
}
/** `a ≥ b` (bool, no gradient). */
export function greaterOrEqual(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("GreaterOrEqual", a, b, options);
}
/** Logical and of bool tensors. */
export function and(a: SymTensor, b: SymTensor, options?: OpOptions): SymTensor {
  return binary("And", a, b, options);
}
/** Logical or of bool tensors. */
export function or(a: SymTensor, b: SymTensor, options?: OpOptions): SymTensor {
  return binary("Or", a, b, options);
}

/** Bitwise and of integer tensors (e.g. for counter-based hashes). */
export function bitwiseAnd(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("BitwiseAnd", a, b, options);
}
/** Bitwise exclusive or of integer tensors. */
export function bitwiseXor(a: Operand, b: Operand, options?: OpOptions): SymTensor {
  return binary("BitwiseXor", a, b, options);
}

/** The sum of several tensors (broadcasting), as one node. */
export function sum(xs: readonly SymTensor[], options?: OpOptions): SymTensor {
  return xs.length === 1 ? xs[0] : emit1({ op: "Sum" }, xs, options);
}

/**
 * `cond ? a : b` elementwise with broadcasting. Three positional operands mirror the maths (and
 * ONNX's `Where`), which reads more clearly than an options object.
 */
export function where(cond: SymTensor, a: Operand, b: Operand, options?: OpOptions): SymTensor {
  const [ta, tb] = operands([a, b], "Where");
  return emit1({ op: "Where" }, [cond, ta, tb], options);
}

/** `x` converted to `to`. */
export function cast(x: SymTensor, to: GraphDType, options?: OpOptions): SymTensor {
  return x.dtype === to ? x : emit1({ op: "Cast", to }, [x], options);
}
