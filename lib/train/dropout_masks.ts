/**
 * Dropout masks that are reproducible and resumable from (seed, step): a counter-based hash,
 * computed either in TypeScript (masks fed as inputs) or inside the ONNX graph (keys fed as
 * inputs). Both compute the same function, so the two modes give identical masks.
 *
 * Mask element `i` of site `j` at step `t` keeps its value iff
 * `fmix32(i XOR key_j) ≥ ⌊p·2³²⌋`, where `key_j = deriveSeed(seed, "dropout", t, j)` and
 * `fmix32` is MurmurHash3's 32-bit finaliser (a bijection, so no two elements share a hash).
 * A kept element is scaled by `1/(1 − p)` (inverted dropout, as torch).
 *
 * @module
 */
import { deriveSeed } from "../random/mod.ts";
import type { ModelSpec, NodeSpec, TensorSpec } from "../onnx/mod.ts";
import { TrainError } from "./train_error.ts";

/** One dropout site of a training graph: its mask input, shape and drop probability. */
export interface DropoutSite {
  /** The graph input that carries the mask (`dropout.mask.<k>`). */
  readonly name: string;
  /** The mask's shape (the dropped tensor's shape). */
  readonly shape: readonly number[];
  /** Drop probability in (0, 1). */
  readonly p: number;
}

/** The per-step, per-site keys of the mask hash, as int32 (the bits of a uint32). */
export function dropoutKeys(seed: number, step: number, sites: number): Int32Array {
  const keys = new Int32Array(sites);
  for (let j = 0; j < sites; j++) keys[j] = deriveSeed(seed, "dropout", step, j) | 0;
  return keys;
}

/** `⌊p·2³²⌋`: hashes below it are dropped. */
function threshold(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new TrainError(`Cannot make a dropout mask: p ${p} is not in (0, 1)`);
  }
  return Math.floor(p * 4294967296);
}

/**
 * Fills `out` with the scaled keep mask of one site (`1/(1−p)` where kept, 0 where dropped)
 * for hash key `key`.
 *
 * @example
 * ```ts
 * import { fillDropoutMask } from "./dropout_masks.ts";
 * import { ok } from "node:assert/strict";
 * const mask = new Float32Array(10000);
 * fillDropoutMask(mask, 1234, 0.1);
 * const dropped = mask.filter((v) => v === 0).length;
 * ok(dropped > 850 && dropped < 1150);
 * ```
 */
export function fillDropoutMask(out: Float32Array, key: number, p: number): void {
  const thr = threshold(p);
  const scale = Math.fround(1 / (1 - p));
  const k = key | 0;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    let h = i ^ k;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[i] = h >>> 0 >= thr ? scale : 0;
  }
}

/** Buffers for the masks of every site, reused from step to step. */
export function allocateDropoutMasks(
  sites: readonly DropoutSite[],
): Record<string, Float32Array> {
  const masks: Record<string, Float32Array> = {};
  for (const s of sites) masks[s.name] = new Float32Array(s.shape.reduce((a, b) => a * b, 1));
  return masks;
}

/** Fills every site's mask for (seed, step) into `masks` (from {@link allocateDropoutMasks}). */
export function fillDropoutMasks(
  masks: Readonly<Record<string, Float32Array>>,
  sites: readonly DropoutSite[],
  seed: number,
  step: number,
): void {
  const keys = dropoutKeys(seed, step, sites.length);
  sites.forEach((s, j) => fillDropoutMask(masks[s.name], keys[j], s.p));
}

const UINT32 = 12; // ONNX TensorProto.DataType UINT32

function int32Scalar(name: string, value: number): TensorSpec {
  return { name, dataType: "int32", dims: [], data: Int32Array.of(value | 0) };
}

/**
 * Rewrites a training model so its dropout masks are computed in the graph: the mask inputs
 * are removed, an int32 input `keysInput` of shape `[sites]` is added (feed
 * {@link dropoutKeys}), and nodes computing the same masks as {@link fillDropoutMask} are
 * prepended.
 */
export function inlineDropoutMasks(
  spec: ModelSpec,
  sites: readonly DropoutSite[],
  keysInput = "dropout.keys",
): ModelSpec {
  const graph = spec.graph;
  const siteNames = new Set(sites.map((s) => s.name));
  const nodes: NodeSpec[] = [];
  const inits: TensorSpec[] = [];
  const node = (opType: string, inputs: string[], output: string, to?: number): string => {
    nodes.push({
      opType,
      inputs,
      outputs: [output],
      name: output,
      ...(to !== undefined && { attributes: [{ kind: "int", name: "to", value: to }] }),
      ...(opType === "BitShift" &&
        { attributes: [{ kind: "string", name: "direction", value: "RIGHT" }] }),
    });
    return output;
  };
  const u32 = (name: string, value: number): string => {
    inits.push(int32Scalar(`${name}.i32`, value));
    return node("Cast", [`${name}.i32`], name, UINT32);
  };
  const P = "dropout.hash";
  const s16 = u32(`${P}.16`, 16), s13 = u32(`${P}.13`, 13);
  const m1 = u32(`${P}.m1`, 0x85ebca6b), m2 = u32(`${P}.m2`, 0xc2b2ae35);
  const iotas = new Map<number, string>();
  sites.forEach((site, j) => {
    const n = site.shape.reduce((a, b) => a * b, 1);
    let iota = iotas.get(n);
    if (iota === undefined) {
      iota = `${P}.iota.${n}`;
      inits.push({
        name: iota,
        dataType: "int32",
        dims: [n],
        data: Int32Array.from({ length: n }, (_, i) => i),
      });
      iotas.set(n, iota);
    }
    const q = `${P}.${j}`;
    inits.push({
      name: `${q}.index`,
      dataType: "int64",
      dims: [],
      data: BigInt64Array.of(BigInt(j)),
    });
    const key = node("Gather", [keysInput, `${q}.index`], `${q}.key`);
    let h = node("Cast", [node("BitwiseXor", [iota, key], `${q}.x0`)], `${q}.u0`, UINT32);
    const xorShift = (x: string, s: string, tag: string) =>
      node("BitwiseXor", [x, node("BitShift", [x, s], `${q}.sh${tag}`)], `${q}.xs${tag}`);
    h = xorShift(h, s16, "a");
    h = node("Mul", [h, m1], `${q}.mul1`);
    h = xorShift(h, s13, "b");
    h = node("Mul", [h, m2], `${q}.mul2`);
    h = xorShift(h, s16, "c");
    const thr = u32(`${q}.threshold`, threshold(site.p) | 0);
    const dropped = node("Less", [h, thr], `${q}.dropped`);
    inits.push({ name: `${q}.zero`, dataType: "float32", dims: [], data: Float32Array.of(0) });
    inits.push({
      name: `${q}.scale`,
      dataType: "float32",
      dims: [],
      data: Float32Array.of(1 / (1 - site.p)),
    });
    const flat = node("Where", [dropped, `${q}.zero`, `${q}.scale`], `${q}.flat`);
    inits.push({
      name: `${q}.shape`,
      dataType: "int64",
      dims: [site.shape.length],
      data: BigInt64Array.from(site.shape, (d) => BigInt(d)),
    });
    node("Reshape", [flat, `${q}.shape`], site.name);
  });
  return {
    ...spec,
    graph: {
      ...graph,
      nodes: [...nodes, ...graph.nodes],
      inputs: [
        ...graph.inputs.filter((v) => !siteNames.has(v.name)),
        { name: keysInput, dataType: "int32", shape: [sites.length] },
      ],
      initializers: [...(graph.initializers ?? []), ...inits],
    },
  };
}
