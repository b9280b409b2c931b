/**
 * The project's one pseudo-random generator.
 *
 * Algorithm: **xoshiro128\*\*** 1.0 (Blackman & Vigna, 2018) — 128 bits of state held as four
 * unsigned 32-bit words, period 2^128 − 1, output scrambler `rotl(s1 * 5, 7) * 9`. A 32-bit seed
 * is expanded into the four state words with **SplitMix32** (Vigna's 32-bit SplitMix variant,
 * increment 0x9e3779b9), so that neighbouring seeds give unrelated streams and the all-zero state
 * is never reached. Everything is integer arithmetic (`Math.imul`, `>>>`), so a stream is identical
 * on every platform and JavaScript engine.
 *
 * Floats: {@link Prng.float} takes 53 random bits from two draws, giving every double of the form
 * k·2^-53 in [0, 1) with equal probability — the same construction NumPy and Java use.
 *
 * @module
 */

/** A saved generator state: four unsigned 32-bit words, enough to resume a stream exactly. */
export type PrngState = readonly [number, number, number, number];

/** SplitMix32 step: returns the next mixed value and the advanced counter. */
function splitMix32(counter: number): [value: number, next: number] {
  const next = (counter + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [(z ^ (z >>> 16)) >>> 0, next];
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A seeded, resumable xoshiro128** generator.
 *
 * @example Same seed, same stream
 * ```ts
 * import { Prng } from "./prng.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const a = new Prng(42), b = new Prng(42);
 * deepStrictEqual(a.uint32(), b.uint32());
 * ```
 */
export class Prng {
  #s: Uint32Array;

  /** Seeds the generator from a 32-bit integer (other numbers are reduced modulo 2^32). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new RangeError(`Cannot seed a Prng: seed ${seed} is not a finite number`);
    }
    const s = new Uint32Array(4);
    let counter = Math.trunc(seed) >>> 0;
    for (let i = 0; i < 4; i++) {
      const [value, next] = splitMix32(counter);
      s[i] = value;
      counter = next;
    }
    this.#s = s;
  }

  /** Restores a generator from a state saved with {@link Prng.state}. */
  static fromState(state: PrngState): Prng {
    if (state.every((w) => w === 0)) {
      throw new RangeError("Cannot restore a Prng: the all-zero state is invalid for xoshiro128**");
    }
    const p = new Prng(0);
    p.#s.set(state.map((w) => w >>> 0));
    return p;
  }

  /** The current state, for checkpoints; {@link Prng.fromState} resumes from it. */
  state(): PrngState {
    const s = this.#s;
    return [s[0], s[1], s[2], s[3]];
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /**
   * A uniform integer in [low, high] (both inclusive), without modulo bias (rejection sampling).
   * Ranges up to 2^32 values are supported.
   */
  int(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high < low) {
      throw new RangeError(`Cannot draw an integer: range [${low}, ${high}] is not valid`);
    }
    const span = high - low + 1;
    if (span > 0x100000000) {
      throw new RangeError(`Cannot draw an integer: range of ${span} values exceeds 2^32`);
    }
    if (span === 0x100000000) return low + this.uint32();
    const limit = 0x100000000 - (0x100000000 % span);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return low + (x % span);
  }

  /** A standard normal draw (Box–Muller; consumes four 32-bit words, keeps no spare). */
  normal(mean = 0, std = 1): number {
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return this.float() < p;
  }
}
