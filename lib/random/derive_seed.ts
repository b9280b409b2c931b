/**
 * Derives independent child seeds from one root seed, so every random choice in a run traces back
 * to the config's `seed`.
 *
 * Algorithm: the purpose string is hashed with 32-bit FNV-1a over its UTF-8 bytes; the root seed,
 * that hash and each integer (split into two 32-bit halves, so indices up to 2^53 are distinct)
 * are folded in with the MurmurHash3 32-bit mixing step, and the result gets MurmurHash3's
 * `fmix32` finaliser. The output is an unsigned 32-bit integer, stable across platforms.
 *
 * @module
 */

const encoder = new TextEncoder();

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function mix(h: number, k: number): number {
  k = Math.imul(k >>> 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A child seed for one purpose: `deriveSeed(42, "trial", 3)` differs from `deriveSeed(42,
 * "trial", 4)` and from `deriveSeed(42, "shuffle", 3)`, and is the same on every run.
 *
 * @example
 * ```ts
 * import { deriveSeed } from "./derive_seed.ts";
 * import { deepStrictEqual, notStrictEqual } from "node:assert/strict";
 * deepStrictEqual(deriveSeed(42, "epoch", 1), deriveSeed(42, "epoch", 1));
 * notStrictEqual(deriveSeed(42, "epoch", 1), deriveSeed(42, "epoch", 2));
 * ```
 */
export function deriveSeed(root: number, purpose: string, ...ints: readonly number[]): number {
  if (!Number.isInteger(root)) {
    throw new RangeError(`Cannot derive a seed: root seed ${root} is not an integer`);
  }
  let h = mix(0x2545f491, root >>> 0);
  h = mix(h, Math.floor(root / 0x100000000) >>> 0);
  h = mix(h, fnv1a(purpose));
  for (const n of ints) {
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(`Cannot derive a seed for "${purpose}": ${n} is not a safe integer`);
    }
    h = mix(h, n >>> 0);
    h = mix(h, Math.floor(n / 0x100000000) >>> 0);
  }
  return fmix32(h ^ (ints.length + 1));
}
