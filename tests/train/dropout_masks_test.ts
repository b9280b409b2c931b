import { deepEqual, equal, notDeepEqual, ok } from "node:assert/strict";
import { createOrtSession, encodeModel, float32Data, type ModelSpec } from "../../lib/onnx/mod.ts";
import {
  allocateDropoutMasks,
  dropoutKeys,
  type DropoutSite,
  fillDropoutMasks,
} from "../../lib/train/mod.ts";
import { inlineDropoutMasks } from "../../lib/train/_hash_mask_graph.ts";

const sites: DropoutSite[] = [
  { name: "dropout.mask.0", shape: [3, 5], p: 0.3 },
  { name: "dropout.mask.1", shape: [7000], p: 0.1 },
  { name: "dropout.mask.2", shape: [70, 100], p: 0.5 },
];

/** A model whose outputs are its mask inputs, so the inlined masks can be read back. */
function echoMasks(): ModelSpec {
  return {
    irVersion: 10,
    opsets: [{ domain: "", version: 20 }],
    graph: {
      name: "echo",
      nodes: sites.map((s) => ({
        opType: "Identity",
        inputs: [s.name],
        outputs: [`out.${s.name}`],
      })),
      inputs: sites.map((s) => ({ name: s.name, dataType: "float32", shape: s.shape })),
      outputs: sites.map((s) => ({ name: `out.${s.name}`, dataType: "float32", shape: s.shape })),
    },
  };
}

Deno.test("fillDropoutMasks() drops about p of each mask and scales survivors by 1/(1-p)", () => {
  const masks = allocateDropoutMasks(sites);
  fillDropoutMasks(masks, sites, 42, 0);
  for (const s of sites.slice(1)) {
    const m = masks[s.name];
    const dropped = m.filter((v) => v === 0).length / m.length;
    ok(Math.abs(dropped - s.p) < 0.03, `${s.name}: ${dropped}`);
    ok(m.every((v) => v === 0 || v === Math.fround(1 / (1 - s.p))));
  }
});

Deno.test("fillDropoutMasks() depends only on (seed, step): resumable and fresh each step", () => {
  const a = allocateDropoutMasks(sites), b = allocateDropoutMasks(sites);
  fillDropoutMasks(a, sites, 7, 12);
  fillDropoutMasks(b, sites, 7, 3); // some other step first, as before a resume
  fillDropoutMasks(b, sites, 7, 12);
  deepEqual(a, b);
  fillDropoutMasks(b, sites, 7, 13);
  notDeepEqual(a["dropout.mask.1"], b["dropout.mask.1"]);
  fillDropoutMasks(b, sites, 8, 12);
  notDeepEqual(a["dropout.mask.1"], b["dropout.mask.1"]);
});

Deno.test("inlineDropoutMasks() computes in ORT exactly the masks TypeScript computes", async () => {
  const inlined = inlineDropoutMasks(echoMasks(), sites);
  deepEqual(inlined.graph.inputs.map((v) => v.name), ["dropout.keys"]);
  const session = await createOrtSession(encodeModel(inlined), { intraOpNumThreads: 2 });
  for (const step of [0, 5]) {
    const out = await session.run({
      "dropout.keys": { data: dropoutKeys(99, step, sites.length), dims: [sites.length] },
    });
    const expected = allocateDropoutMasks(sites);
    fillDropoutMasks(expected, sites, 99, step);
    for (const s of sites) {
      deepEqual(out[`out.${s.name}`].dims, s.shape);
      const got = float32Data(out[`out.${s.name}`]);
      equal(got.length, expected[s.name].length);
      ok(got.every((v, i) => v === expected[s.name][i]), s.name);
    }
  }
  await session.release();
});
