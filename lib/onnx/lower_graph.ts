/**
 * Lowering: a graph of `lib/graph` → a `ModelSpec` (IR 10, opset 20) that the encoder writes.
 * Static attributes that ONNX takes as int64 inputs (shapes, axes, pads, slice bounds) become
 * shared initializers; only the nodes the declared outputs need are emitted.
 *
 * @module
 */
import {
  type GraphBuilder,
  type GraphDType,
  GraphError,
  type GraphNode,
  type OpSpec,
  scalarData,
  type SymTensor,
} from "../graph/mod.ts";
import type {
  AttributeSpec,
  ModelSpec,
  NodeSpec,
  TensorSpec,
  ValueInfoSpec,
} from "./proto_types.ts";

/** Options of {@link lowerGraph}. */
export interface LowerGraphOptions {
  /**
   * The model's outputs: tensors (keeping their names) or a record from output name to tensor
   * (e.g. `{ loss, "grad.fc.weight": g }`); a renamed value keeps the new name throughout.
   */
  readonly outputs: readonly SymTensor[] | Readonly<Record<string, SymTensor>>;
  /** Graph name; defaults to the builder's. */
  readonly name?: string;
  /** `ai.onnx` opset; default 20. */
  readonly opset?: number;
  /** ONNX IR version; default 10. */
  readonly irVersion?: number;
}

const CAST_CODES: Readonly<Record<GraphDType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

const int = (name: string, value: number): AttributeSpec => ({ kind: "int", name, value });

/** Collects shared int64 initializers for static attributes. */
class Int64Pool {
  readonly tensors: TensorSpec[] = [];
  #byKey = new Map<string, string>();
  constructor(readonly taken: ReadonlySet<string>) {}

  /** A shared int64 scalar initializer. */
  scalar(value: number): string {
    return this.#add(`s${value}`, [], [value]);
  }

  /** A shared int64 vector initializer. */
  vector(values: readonly number[]): string {
    return this.#add(values.join(","), [values.length], values);
  }

  #add(key: string, dims: readonly number[], values: readonly number[]): string {
    const hit = this.#byKey.get(key);
    if (hit !== undefined) return hit;
    let name = `const.i64.${this.tensors.length}`;
    while (this.taken.has(name)) name += "_";
    this.tensors.push({
      name,
      dataType: "int64",
      dims,
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
    this.#byKey.set(key, name);
    return name;
  }
}

interface Lowered {
  readonly opType: string;
  readonly extra?: readonly string[];
  readonly attributes?: readonly AttributeSpec[];
}

function lowerSpec(spec: OpSpec, node: GraphNode, pool: Int64Pool): Lowered {
  switch (spec.op) {
    case "Cast":
      return { opType: "Cast", attributes: [int("to", CAST_CODES[spec.to])] };
    case "Gemm":
      return {
        opType: "Gemm",
        attributes: [
          int("transA", spec.transA ? 1 : 0),
          int("transB", spec.transB ? 1 : 0),
          { kind: "float", name: "alpha", value: spec.alpha },
          { kind: "float", name: "beta", value: spec.beta },
        ],
      };
    case "CumSum":
      return {
        opType: spec.op,
        extra: [pool.scalar(spec.axis)],
        attributes: [
          int("exclusive", spec.exclusive ? 1 : 0),
          int("reverse", spec.reverse ? 1 : 0),
        ],
      };
    case "Softmax":
    case "LogSoftmax":
    case "Gather":
    case "GatherElements":
    case "Concat":
      return { opType: spec.op, attributes: [int("axis", spec.axis)] };
    case "ScatterElements":
      return {
        opType: spec.op,
        attributes: [int("axis", spec.axis), {
          kind: "string",
          name: "reduction",
          value: spec.reduction,
        }],
      };
    case "Reshape":
    case "Expand":
      return { opType: spec.op, extra: [pool.vector(spec.shape)] };
    case "Transpose":
      return { opType: spec.op, attributes: [{ kind: "ints", name: "perm", value: spec.perm }] };
    case "Unsqueeze":
    case "Squeeze":
      return { opType: spec.op, extra: [pool.vector(spec.axes)] };
    case "Split":
      return {
        opType: spec.op,
        extra: [pool.vector(spec.sizes)],
        attributes: [int("axis", spec.axis)],
      };
    case "Slice":
      return {
        opType: spec.op,
        extra: [spec.starts, spec.ends, spec.axes, spec.steps].map((v) => pool.vector(v)),
      };
    case "Pad":
      return { opType: spec.op, extra: [pool.vector(spec.pads)] };
    case "ReduceSum":
    case "ReduceMean":
    case "ReduceMax":
      return {
        opType: spec.op,
        extra: spec.axes.length === 0 ? [] : [pool.vector(spec.axes)],
        attributes: [int("keepdims", spec.keepdims ? 1 : 0)],
      };
    case "ArgMax":
      return {
        opType: spec.op,
        attributes: [int("axis", spec.axis), int("keepdims", spec.keepdims ? 1 : 0)],
      };
    case "LayerNormalization":
      return {
        opType: spec.op,
        attributes: [
          int("axis", spec.axis),
          { kind: "float", name: "epsilon", value: spec.epsilon },
          int("stash_type", 1),
        ],
      };
    case "ConstantOfShape":
      return {
        opType: spec.op,
        extra: [pool.vector(spec.shape)],
        attributes: [{
          kind: "tensor",
          name: "value",
          value: {
            name: "value",
            dataType: spec.dtype,
            dims: [1],
            data: scalarData(spec.value, spec.dtype),
          },
        }],
      };
    default:
      return { opType: node.spec.op };
  }
}

function resolveOutputs(
  outputs: LowerGraphOptions["outputs"],
): { readonly name: string; readonly value: SymTensor }[] {
  if (Array.isArray(outputs)) return outputs.map((value) => ({ name: value.name, value }));
  return Object.entries(outputs as Readonly<Record<string, SymTensor>>).map(([name, value]) => ({
    name,
    value,
  }));
}

interface OutputNaming {
  /** ONNX name of each value id. */
  readonly names: Map<number, string>;
  /** Every name in use. */
  readonly taken: Set<string>;
  /** Identity nodes for outputs that cannot simply rename their value. */
  readonly identities: NodeSpec[];
}

/** Renames node values to their output names; inputs, constants and repeats get an Identity. */
function nameOutputs(
  graph: GraphBuilder,
  outs: readonly { readonly name: string; readonly value: SymTensor }[],
): OutputNaming {
  const names = new Map<number, string>(graph.values.map((v) => [v.id, v.name]));
  const taken = new Set(graph.values.map((v) => v.name));
  const identities: NodeSpec[] = [];
  const renamed = new Set<number>();
  const seen = new Set<string>();
  for (const { name, value } of outs) {
    if (seen.has(name)) {
      throw new GraphError(`Cannot lower graph: output "${name}" is listed twice`);
    }
    seen.add(name);
    const current = names.get(value.id)!;
    if (name === current) continue;
    if (taken.has(name)) {
      throw new GraphError(`Cannot lower graph: output name "${name}" is already a value's name`);
    }
    taken.add(name);
    if (graph.source(value).kind === "node" && !renamed.has(value.id)) {
      names.set(value.id, name);
      renamed.add(value.id);
    } else {
      identities.push({ opType: "Identity", inputs: [current], outputs: [name], name });
    }
  }
  return { names, taken, identities };
}

/** The nodes the outputs depend on, and every value they read. */
function neededNodes(
  graph: GraphBuilder,
  outs: readonly { readonly value: SymTensor }[],
): { readonly keep: Set<number>; readonly needed: Set<number> } {
  const needed = new Set(outs.map((o) => o.value.id));
  const keep = new Set<number>();
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const n = graph.nodes[i];
    if (!n.outputs.some((o) => needed.has(o.id))) continue;
    keep.add(n.id);
    for (const t of n.inputs) needed.add(t.id);
  }
  return { keep, needed };
}

/**
 * A `ModelSpec` computing `outputs` from the graph's inputs and params (graph inputs, in creation
 * order) and its constants (initializers, only those used). Nodes keep the graph's topological
 * order; nodes no output needs are dropped (ORT would otherwise run them).
 *
 * @example
 * ```ts
 * import { GraphBuilder, ops } from "../graph/mod.ts";
 * import { lowerGraph } from "./lower_graph.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder("mlp");
 * const x = g.input("x", "float32", [4, 3]);
 * const w = g.param("w", [2, 3]);
 * const y = ops.linear(x, w);
 * const model = lowerGraph(g, { outputs: { logits: y } });
 * deepStrictEqual(model.graph.nodes.map((n) => n.opType), ["Gemm"]);
 * deepStrictEqual(model.graph.outputs, [{ name: "logits", dataType: "float32", shape: [4, 2] }]);
 * ```
 */
export function lowerGraph(graph: GraphBuilder, options: LowerGraphOptions): ModelSpec {
  const outs = resolveOutputs(options.outputs);
  const { names, taken, identities } = nameOutputs(graph, outs);
  const { keep, needed } = neededNodes(graph, outs);
  const pool = new Int64Pool(taken);
  const nodes: NodeSpec[] = [];
  for (const n of graph.nodes) {
    if (!keep.has(n.id)) continue;
    const low = lowerSpec(n.spec, n, pool);
    const outputs = n.outputs.map((o) => names.get(o.id)!);
    nodes.push({
      opType: low.opType,
      inputs: [...n.inputs.map((t) => names.get(t.id)!), ...(low.extra ?? [])],
      outputs,
      name: outputs[0],
      ...(low.attributes === undefined ? {} : { attributes: low.attributes }),
    });
  }
  const info = (t: SymTensor, name = names.get(t.id)!): ValueInfoSpec => ({
    name,
    dataType: t.dtype,
    shape: t.shape,
  });
  const inputs: ValueInfoSpec[] = [];
  const initializers: TensorSpec[] = [];
  for (const t of graph.values) {
    const src = graph.source(t);
    if (src.kind === "input" || src.kind === "param") inputs.push(info(t));
    else if (src.kind === "constant" && needed.has(t.id)) {
      initializers.push({ name: t.name, dataType: t.dtype, dims: t.shape, data: src.data });
    }
  }
  return {
    irVersion: options.irVersion ?? 10,
    opsets: [{ domain: "", version: options.opset ?? 20 }],
    producerName: "psy-agents",
    graph: {
      name: options.name ?? graph.name,
      nodes: [...nodes, ...identities],
      inputs,
      outputs: outs.map((o) => info(o.value, o.name)),
      initializers: [...initializers, ...pool.tensors],
    },
  };
}
