/**
 * Small shape helpers shared by shape inference, the builders and the gradient rules.
 *
 * @module
 */
import type { GraphDType, OpSpec, SymTensor, ValueType } from "./types.ts";

/** An internal failure that the builder turns into a {@link ShapeError} naming the op. */
export class ShapeReason extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ShapeReason";
  }
}

/** Throws a {@link ShapeReason} unless `condition` holds. */
export function require(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new ShapeReason(reason);
}

/** `[2,3]` as text. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Number of elements of a shape (1 for a scalar). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A possibly negative axis turned into `0 ≤ axis < rank`. */
export function normAxis(axis: number, rank: number): number {
  require(
    Number.isInteger(axis) && axis >= -rank && axis < rank,
    `axis ${axis} is out of range for rank ${rank}`,
  );
  return axis < 0 ? axis + rank : axis;
}

/** The numpy broadcast of two shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    require(
      da === db || da === 1 || db === 1,
      `shapes ${fmtShape(a)} and ${fmtShape(b)} do not broadcast`,
    );
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Whether `from` broadcasts to exactly `to`. */
export function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const lead = to.length - from.length;
  return from.every((d, i) => d === to[lead + i] || d === 1);
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Float element types (the ones gradients flow through). */
export function isFloat(dtype: GraphDType): boolean {
  return dtype === "float32" || dtype === "float64" || dtype === "float16";
}

/** Integer element types usable as indices. */
export function isIndex(dtype: GraphDType): boolean {
  return dtype === "int64" || dtype === "int32";
}

/** A shape rule: output types of an op over its inputs. */
export type Rule<S extends OpSpec> = (spec: S, inputs: readonly SymTensor[]) => ValueType[];

/** Requires exactly `n` inputs. */
export function arity(inputs: readonly SymTensor[], n: number): void {
  require(inputs.length === n, `expects ${n} input(s), got ${inputs.length}`);
}

/** Requires all inputs to share one dtype. */
export function sameDtype(inputs: readonly SymTensor[]): void {
  for (const t of inputs) {
    require(
      t.dtype === inputs[0].dtype,
      `dtypes differ: ${inputs.map((x) => x.dtype).join(" vs ")}`,
    );
  }
}

/** Requires a float input. */
export function floatInput(t: SymTensor): void {
  require(isFloat(t.dtype), `needs a float input, "${t.name}" is ${t.dtype}`);
}
