/**
 * `GraphBuilder`: owns the values and nodes of one static-shape graph.
 *
 * @module
 */
import { GraphError } from "./graph_error.ts";
import { fmtShape, numel, ShapeReason } from "./_shape.ts";
import { ShapeError } from "./shape_error.ts";
import { inferTypes } from "./shape_inference.ts";
import type {
  ConstantData,
  GraphDType,
  GraphNode,
  OpSpec,
  OpSpecOf,
  OpType,
  SymTensor,
  ValueSource,
} from "./types.ts";

/** Options of {@link GraphBuilder.emit}: the output's name, relative to the current scope. */
export interface EmitOptions {
  /** Name of the (first) output; defaults to the op's name in lower case. */
  readonly name?: string;
}

/** Options of {@link GraphBuilder.constant}. */
export interface ConstantOptions {
  /** Needed only to tell `bool` (default for Uint8Array) from `uint8`. */
  readonly dtype?: GraphDType;
}

function dtypeOf(data: ConstantData, hint: GraphDType | undefined): GraphDType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Int8Array) return "int8";
  if (data instanceof Uint16Array) return "float16";
  return hint === "uint8" ? "uint8" : "bool";
}

/** Turns a number into the one-element typed array of a dtype. */
export function scalarData(value: number, dtype: GraphDType): ConstantData {
  switch (dtype) {
    case "float32":
      return Float32Array.of(value);
    case "float64":
      return Float64Array.of(value);
    case "int64":
      return BigInt64Array.of(BigInt(Math.trunc(value)));
    case "int32":
      return Int32Array.of(value);
    case "int8":
      return Int8Array.of(value);
    case "float16":
      throw new GraphError(`Cannot make a float16 scalar: float16 constants need raw bits`);
    default:
      return Uint8Array.of(value);
  }
}

/**
 * Builds one graph: symbolic inputs, trainable parameters, constants and op nodes, each with a
 * static shape checked when it is created. Creation order is a topological order.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "./graph_builder.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder("demo");
 * const x = g.input("x", "float32", [2, 3]);
 * const [y] = g.scope("enc", () => g.emit({ op: "Relu" }, [x], { name: "act" }));
 * deepStrictEqual([y.name, y.shape], ["enc.act", [2, 3]]);
 * ```
 */
export class GraphBuilder {
  /** The graph's name (used by the ONNX lowering). */
  readonly name: string;
  #values: SymTensor[] = [];
  #sources: ValueSource[] = [];
  #nodes: GraphNode[] = [];
  #names = new Set<string>();
  #scopes: string[] = [];
  #scalars = new Map<string, SymTensor>();

  /** Starts an empty graph called `name`. */
  constructor(name = "graph") {
    this.name = name;
  }

  /** Every value, in creation order. */
  get values(): readonly SymTensor[] {
    return this.#values;
  }

  /** Every node, in creation (topological) order. */
  get nodes(): readonly GraphNode[] {
    return this.#nodes;
  }

  /** Where a value of this graph comes from. */
  source(t: SymTensor): ValueSource {
    this.#own(t);
    return this.#sources[t.id];
  }

  /** The node that produced `t`, or undefined for inputs, params and constants. */
  producer(t: SymTensor): GraphNode | undefined {
    const src = this.source(t);
    return src.kind === "node" ? this.#nodes[src.node] : undefined;
  }

  /** The current scope prefix (`""` at the root). */
  get currentScope(): string {
    return this.#scopes.length === 0 ? "" : this.#scopes[this.#scopes.length - 1];
  }

  /**
   * Runs `build` with names prefixed by `prefix` (nested scopes join with `.`); returns what
   * `build` returns. A prefix starting with `/` is absolute.
   */
  scope<T>(prefix: string, build: () => T): T {
    const full = prefix.startsWith("/")
      ? prefix.slice(1)
      : this.currentScope === ""
      ? prefix
      : `${this.currentScope}.${prefix}`;
    this.#scopes.push(full);
    try {
      return build();
    } finally {
      this.#scopes.pop();
    }
  }

  /** A graph input (fed at run time), named exactly `name`. */
  input(name: string, dtype: GraphDType, shape: readonly number[]): SymTensor {
    return this.#add(this.#claim(name), dtype, shape, { kind: "input" });
  }

  /** A trainable parameter: a float graph input named exactly `name`, fed at run time. */
  param(name: string, shape: readonly number[], dtype: GraphDType = "float32"): SymTensor {
    return this.#add(this.#claim(name), dtype, shape, { kind: "param" });
  }

  /** A frozen weight embedded in the model, named exactly `name` (e.g. a Hugging Face name). */
  initializer(
    name: string,
    data: ConstantData,
    shape: readonly number[],
    options: ConstantOptions = {},
  ): SymTensor {
    return this.#constant(this.#claim(name), data, shape, options);
  }

  /** A constant embedded in the model, named under the current scope. */
  constant(
    name: string,
    data: ConstantData,
    shape: readonly number[],
    options: ConstantOptions = {},
  ): SymTensor {
    return this.#constant(this.#unique(this.#scoped(name)), data, shape, options);
  }

  /** A shared scalar constant of `dtype` (one value per graph for each distinct number). */
  scalar(value: number, dtype: GraphDType = "float32"): SymTensor {
    const key = `${dtype}:${Object.is(value, -0) ? "-0" : value}`;
    const hit = this.#scalars.get(key);
    if (hit !== undefined) return hit;
    const t = this.#constant(
      this.#unique(`scalar.${dtype}.${value}`),
      scalarData(value, dtype),
      [],
      {
        dtype,
      },
    );
    this.#scalars.set(key, t);
    return t;
  }

  /**
   * Adds a node applying `spec` to `inputs` and returns its outputs. Shapes are inferred and
   * checked here: a mismatch throws a `ShapeError` naming the op, the values and their shapes.
   */
  emit<K extends OpType>(
    spec: OpSpecOf<K>,
    inputs: readonly SymTensor[],
    options: EmitOptions = {},
  ): SymTensor[] {
    for (const t of inputs) this.#own(t);
    const base = this.#scoped(options.name ?? spec.op.toLowerCase());
    let types;
    try {
      types = inferTypes(spec, inputs);
    } catch (e) {
      if (!(e instanceof ShapeReason)) throw e;
      throw new ShapeError({
        op: spec.op,
        output: base,
        reason: e.message,
        operands: inputs.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape })),
      });
    }
    const nodeId = this.#nodes.length;
    const first = this.#unique(base);
    const outputs = types.map((vt, i) =>
      this.#add(
        i === 0 ? first : this.#unique(`${first}.${outputSuffix(spec, i)}`),
        vt.dtype,
        vt.shape,
        {
          kind: "node",
          node: nodeId,
          index: i,
        },
      )
    );
    this.#nodes.push({ id: nodeId, spec: spec as OpSpec, inputs: [...inputs], outputs });
    return outputs;
  }

  #own(t: SymTensor): void {
    if (t.graph !== this || this.#values[t.id] !== t) {
      throw new GraphError(`Cannot use value "${t.name}": it belongs to another graph`);
    }
  }

  #scoped(name: string): string {
    return this.currentScope === "" ? name : `${this.currentScope}.${name}`;
  }

  #claim(name: string): string {
    if (name === "" || this.#names.has(name)) {
      throw new GraphError(`Cannot add value: name "${name}" is empty or already taken`);
    }
    this.#names.add(name);
    return name;
  }

  #unique(base: string): string {
    let name = base;
    for (let i = 1; this.#names.has(name); i++) name = `${base}_${i}`;
    this.#names.add(name);
    return name;
  }

  #constant(
    name: string,
    data: ConstantData,
    shape: readonly number[],
    options: ConstantOptions,
  ): SymTensor {
    if (data.length !== numel(shape)) {
      throw new GraphError(
        `Cannot add constant "${name}": ${data.length} values do not fill shape ${fmtShape(shape)}`,
      );
    }
    return this.#add(name, dtypeOf(data, options.dtype), shape, { kind: "constant", data });
  }

  #add(name: string, dtype: GraphDType, shape: readonly number[], src: ValueSource): SymTensor {
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new GraphError(`Cannot add value "${name}": bad shape ${fmtShape(shape)}`);
    }
    const t: SymTensor = { id: this.#values.length, name, dtype, shape: [...shape], graph: this };
    this.#values.push(t);
    this.#sources.push(src);
    return t;
  }
}

function outputSuffix(spec: OpSpec, index: number): string {
  if (spec.op === "LayerNormalization") return index === 1 ? "mean" : "inv_std_dev";
  return String(index);
}
