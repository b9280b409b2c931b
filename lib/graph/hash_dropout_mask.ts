/**
 * An in-graph dropout mask: a counter-based hash of (seed, salt, element index), so a step's masks
 * are reproducible from a per-step seed input alone (ORT's Dropout can only be seeded per
 * session). Built from int64 ops ORT's CPU provider has (Add, Mul, Div, BitwiseAnd/Xor, Less).
 *
 * @module
 */
import { emit1, type OpOptions } from "./_emit.ts";
import { GraphError } from "./graph_error.ts";
import { add, less, where } from "./ops_elementwise.ts";
import type { GraphDType, SymTensor } from "./types.ts";

const MASK32 = 0xffffffff;

/** Options of {@link hashDropoutMask}. */
export interface HashDropoutMaskOptions extends OpOptions {
  /** Distinguishes the masks of one step (use a different salt per dropout site). */
  readonly salt?: number;
  /** Float type of the mask (default float32). */
  readonly dtype?: GraphDType;
}

function and32(x: SymTensor): SymTensor {
  return emit1({ op: "BitwiseAnd" }, [x, x.graph.scalar(MASK32, "int64")]);
}

function xorShift(x: SymTensor, bits: number): SymTensor {
  const shifted = emit1({ op: "Div" }, [x, x.graph.scalar(2 ** bits, "int64")]);
  return emit1({ op: "BitwiseXor" }, [x, shifted]);
}

function mulMod(x: SymTensor, k: number): SymTensor {
  return and32(emit1({ op: "Mul" }, [x, x.graph.scalar(k, "int64")]));
}

/**
 * The 32-bit hash of `x` in [0, 2^32): fmix-style rounds whose products stay below 2^63.
 * Reference: `hashDropoutReference` in the tests mirrors it in BigInt arithmetic.
 */
function mix(x: SymTensor): SymTensor {
  let h = xorShift(x, 16);
  h = mulMod(h, 0x7feb352d);
  h = xorShift(h, 15);
  h = mulMod(h, 0x1b873593);
  return xorShift(h, 16);
}

/**
 * A prescaled keep mask (`0` or `1/(1−p)`) of `shape` from an int64 scalar `seed` input, for
 * `dropout(x, mask, p, { prescaled: true })`. Element `i` (row-major) is kept when
 * `hash((hash(seed·0x61C88647 + salt) + i) mod 2^32) < (1−p)·2^32`.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "./graph_builder.ts";
 * import { hashDropoutMask } from "./hash_dropout_mask.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const g = new GraphBuilder();
 * const seed = g.input("seed", "int64", []);
 * const mask = hashDropoutMask(seed, [8, 16], 0.1, { salt: 3 });
 * deepStrictEqual([mask.dtype, mask.shape], ["float32", [8, 16]]);
 * ```
 */
export function hashDropoutMask(
  seed: SymTensor,
  shape: readonly number[],
  p: number,
  options: HashDropoutMaskOptions = {},
): SymTensor {
  const g = seed.graph;
  if (seed.dtype !== "int64" || seed.shape.length > 1 || (seed.shape[0] ?? 1) !== 1) {
    throw new GraphError(
      `Cannot build a hash dropout mask: seed "${seed.name}" must be an int64 scalar`,
    );
  }
  if (!(p > 0 && p < 1)) {
    throw new GraphError(`Cannot build a hash dropout mask: p ${p} is not in (0, 1)`);
  }
  const salt = options.salt ?? 0;
  return g.scope(options.name ?? "dropout_mask", () => {
    // key = hash(seed·0x61C88647 + salt), a scalar (products stay below 2^63)
    const mixedSeed = mulMod(and32(seed), 0x61c88647);
    const key = mix(and32(add(mixedSeed, g.scalar(salt, "int64"))));
    // Row-major element index from per-axis constants: Σ range_k · stride_k (broadcast adds).
    let index: SymTensor = emit1({ op: "Reshape", shape: shape.map(() => 1) }, [key]);
    let stride = 1;
    for (let k = shape.length - 1; k >= 0; k--) {
      const values = BigInt64Array.from({ length: shape[k] }, (_, i) => BigInt(i * stride));
      const dims = shape.map((d, j) => (j === k ? d : 1));
      index = add(index, g.constant(`axis${k}`, values, dims));
      stride *= shape[k];
    }
    const hashed = mix(and32(index));
    const threshold = Math.floor((1 - p) * 2 ** 32);
    const keep = less(hashed, g.scalar(threshold, "int64"));
    const dtype = options.dtype ?? "float32";
    return where(keep, g.scalar(1 / (1 - p), dtype), g.scalar(0, dtype), { name: "mask" });
  });
}
