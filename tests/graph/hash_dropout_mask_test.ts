import { deepStrictEqual, notDeepStrictEqual, ok } from "node:assert/strict";
import { GraphBuilder, ops } from "../../lib/graph/mod.ts";
import { createOrtSession, encodeModel, float32Data, lowerGraph } from "../../lib/onnx/mod.ts";

const M = 0xffffffffn;

function mixRef(x: bigint): bigint {
  const xs = (v: bigint, b: bigint) => v ^ (v >> b);
  let h = xs(x, 16n);
  h = (h * 0x7feb352dn) & M;
  h = xs(h, 15n);
  h = (h * 0x1b873593n) & M;
  return xs(h, 16n);
}

/** The mask in BigInt arithmetic, as the doc of hashDropoutMask() specifies it. */
function hashDropoutReference(seed: bigint, salt: number, n: number, p: number): number[] {
  const key = mixRef(((((seed & M) * 0x61c88647n) & M) + BigInt(salt)) & M);
  const threshold = BigInt(Math.floor((1 - p) * 2 ** 32));
  return Array.from({ length: n }, (_, i) => {
    const keep = mixRef((key + BigInt(i)) & M) < threshold;
    return keep ? Math.fround(1 / (1 - p)) : 0;
  });
}

async function masks(seeds: bigint[], shape: number[], p: number, salts: number[]) {
  const g = new GraphBuilder("masks");
  const seed = g.input("seed", "int64", []);
  const outputs: Record<string, ReturnType<typeof ops.hashDropoutMask>> = {};
  for (const salt of salts) outputs[`m${salt}`] = ops.hashDropoutMask(seed, shape, p, { salt });
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs })), {
    intraOpNumThreads: 1,
  });
  try {
    const result: number[][][] = [];
    for (const s of seeds) {
      const out = await session.run({ seed: { data: BigInt64Array.of(s), dims: [] } });
      result.push(salts.map((salt) => Array.from(float32Data(out[`m${salt}`]))));
    }
    return result;
  } finally {
    await session.release();
  }
}

Deno.test("hashDropoutMask() equals its BigInt reference, element by element", async () => {
  const [[a, b]] = await masks([123456789n], [3, 5, 7], 0.3, [0, 4]);
  deepStrictEqual(a, hashDropoutReference(123456789n, 0, 105, 0.3));
  deepStrictEqual(b, hashDropoutReference(123456789n, 4, 105, 0.3));
});

Deno.test("hashDropoutMask() keeps about 1−p, repeats per seed and differs across seeds and salts", async () => {
  const [[s1a, s1b], [s2a], [again]] = await masks([1n, 2n, 1n], [100, 200], 0.1, [0, 1]);
  const kept = s1a.filter((v) => v > 0).length / s1a.length;
  ok(Math.abs(kept - 0.9) < 0.01, `kept ${kept}`);
  deepStrictEqual(s1a, again);
  notDeepStrictEqual(s1a, s2a);
  notDeepStrictEqual(s1a, s1b);
  // neighbouring elements are not correlated: P(both kept) ≈ 0.81
  let both = 0;
  for (let i = 1; i < s1a.length; i++) if (s1a[i] > 0 && s1a[i - 1] > 0) both++;
  ok(Math.abs(both / (s1a.length - 1) - 0.81) < 0.015, `pairs ${both / (s1a.length - 1)}`);
});
