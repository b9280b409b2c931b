/**
 * The in-graph twin of `fillDropoutMask`: ONNX nodes (uint32 BitwiseXor, BitShift, Mul) that
 * compute MurmurHash3's `fmix32(i XOR key)` per element and turn it into the scaled keep mask.
 * Private to `lib/train`.
 *
 * @module
 */
import type { ModelSpec, NodeSpec, TensorSpec } from "../onnx/mod.ts";
import { type DropoutSite, dropThreshold } from "./dropout_masks.ts";

const UINT32 = 12; // ONNX TensorProto.DataType UINT32
const PREFIX = "dropout.hash";

/** Collects the nodes and initializers of the mask subgraph. */
class MaskGraph {
  readonly nodes: NodeSpec[] = [];
  readonly inits: TensorSpec[] = [];
  readonly #iotas = new Map<number, string>();

  node(opType: string, inputs: readonly string[], output: string, to?: number): string {
    const attributes: NodeSpec["attributes"] = to !== undefined
      ? [{ kind: "int", name: "to", value: to }]
      : opType === "BitShift"
      ? [{ kind: "string", name: "direction", value: "RIGHT" }]
      : undefined;
    this.nodes.push({
      opType,
      inputs,
      outputs: [output],
      name: output,
      ...(attributes && { attributes }),
    });
    return output;
  }

  tensor(t: TensorSpec): string {
    this.inits.push(t);
    return t.name;
  }

  /** A uint32 scalar (stored as int32 bits and cast, as `TensorSpec` has no uint32). */
  u32(name: string, value: number): string {
    this.tensor({
      name: `${name}.i32`,
      dataType: "int32",
      dims: [],
      data: Int32Array.of(value | 0),
    });
    return this.node("Cast", [`${name}.i32`], name, UINT32);
  }

  /** `[0, 1, …, n−1]` as int32, shared by sites of equal size. */
  iota(n: number): string {
    const hit = this.#iotas.get(n);
    if (hit !== undefined) return hit;
    const name = this.tensor({
      name: `${PREFIX}.iota.${n}`,
      dataType: "int32",
      dims: [n],
      data: Int32Array.from({ length: n }, (_, i) => i),
    });
    this.#iotas.set(n, name);
    return name;
  }
}

interface HashConstants {
  readonly s16: string;
  readonly s13: string;
  readonly m1: string;
  readonly m2: string;
}

/** The nodes making site `j`'s mask, named `site.name`, from key `keys[j]`. */
function siteMask(g: MaskGraph, c: HashConstants, site: DropoutSite, j: number, keys: string) {
  const q = `${PREFIX}.${j}`;
  const n = site.shape.reduce((a, b) => a * b, 1);
  const index = g.tensor({
    name: `${q}.index`,
    dataType: "int64",
    dims: [],
    data: BigInt64Array.of(BigInt(j)),
  });
  const key = g.node("Gather", [keys, index], `${q}.key`);
  const xorShift = (x: string, s: string, tag: string) =>
    g.node("BitwiseXor", [x, g.node("BitShift", [x, s], `${q}.sh${tag}`)], `${q}.xs${tag}`);
  let h = g.node("Cast", [g.node("BitwiseXor", [g.iota(n), key], `${q}.x0`)], `${q}.u0`, UINT32);
  h = xorShift(h, c.s16, "a");
  h = g.node("Mul", [h, c.m1], `${q}.mul1`);
  h = xorShift(h, c.s13, "b");
  h = g.node("Mul", [h, c.m2], `${q}.mul2`);
  h = xorShift(h, c.s16, "c");
  const dropped = g.node("Less", [h, g.u32(`${q}.threshold`, dropThreshold(site.p))], `${q}.drop`);
  const zero = g.tensor({
    name: `${q}.zero`,
    dataType: "float32",
    dims: [],
    data: Float32Array.of(0),
  });
  const scale = g.tensor({
    name: `${q}.scale`,
    dataType: "float32",
    dims: [],
    data: Float32Array.of(1 / (1 - site.p)),
  });
  const flat = g.node("Where", [dropped, zero, scale], `${q}.flat`);
  const shape = g.tensor({
    name: `${q}.shape`,
    dataType: "int64",
    dims: [site.shape.length],
    data: BigInt64Array.from(site.shape, (d) => BigInt(d)),
  });
  g.node("Reshape", [flat, shape], site.name);
}

/**
 * Rewrites a training model so its dropout masks are computed in the graph: the mask inputs
 * are removed, an int32 input `keysInput` of shape `[sites]` is added (feed `dropoutKeys`),
 * and nodes computing the same masks as `fillDropoutMask` are prepended.
 */
export function inlineDropoutMasks(
  spec: ModelSpec,
  sites: readonly DropoutSite[],
  keysInput = "dropout.keys",
): ModelSpec {
  const g = new MaskGraph();
  const c: HashConstants = {
    s16: g.u32(`${PREFIX}.16`, 16),
    s13: g.u32(`${PREFIX}.13`, 13),
    m1: g.u32(`${PREFIX}.m1`, 0x85ebca6b),
    m2: g.u32(`${PREFIX}.m2`, 0xc2b2ae35),
  };
  sites.forEach((site, j) => siteMask(g, c, site, j, keysInput));
  const siteNames = new Set(sites.map((s) => s.name));
  return {
    ...spec,
    graph: {
      ...spec.graph,
      nodes: [...g.nodes, ...spec.graph.nodes],
      inputs: [
        ...spec.graph.inputs.filter((v) => !siteNames.has(v.name)),
        { name: keysInput, dataType: "int32", shape: [sites.length] },
      ],
      initializers: [...(spec.graph.initializers ?? []), ...g.inits],
    },
  };
}
