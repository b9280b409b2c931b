/**
 * Dropout masks that are reproducible and resumable from (seed, step): a counter-based hash,
 * computed either in TypeScript (masks fed as inputs) or inside the ONNX graph (keys fed as
 * inputs, see `_hash_mask_graph.ts`). Both compute the same function, so the two modes give
 * identical masks.
 *
 * Mask element `i` of site `j` at step `t` keeps its value iff
 * `fmix32(i XOR key_j) ≥ ⌊p·2³²⌋`, where `key_j = deriveSeed(seed, "dropout", t, j)` and
 * `fmix32` is MurmurHash3's 32-bit finaliser (a bijection, so no two elements share a hash).
 * A kept element is scaled by `1/(1 − p)` (inverted dropout, as torch).
 *
 * @module
 */
import { deriveSeed } from "../random/mod.ts";
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
export function dropThreshold(p: number): number {
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
  const thr = dropThreshold(p);
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
