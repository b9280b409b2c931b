import { ok } from "node:assert/strict";
import { Prng } from "../../lib/random/mod.ts";
import { AdamW, compileTrainStep, TrainStepSession } from "../../lib/train/mod.ts";
import {
  accuracy,
  buildMlp,
  buildTransformer,
  initParams,
  mlpBatch,
  transformerBatch,
  type TransformerConfig,
} from "./_models.ts";

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

Deno.test("an MLP learns a 4-class blob task through the engine: loss falls, accuracy ≫ chance", async () => {
  const c = { batch: 32, inputs: 8, hidden: [32], classes: 4, dropout: 0.1 };
  const compiled = compileTrainStep({ build: buildMlp(c) });
  const params = initParams(compiled.params, 1);
  const session = await TrainStepSession.create(compiled, params, new AdamW(params, { lr: 1e-2 }), {
    seed: 1,
    session: { intraOpNumThreads: 1 },
  });
  const prng = new Prng(3);
  const losses: number[] = [];
  for (let step = 0; step < 100; step++) {
    losses.push((await session.step(mlpBatch(prng, c).feeds, { step })).loss);
  }
  const test = mlpBatch(new Prng(999), c);
  const evaluation = await session.evaluate(test.feeds);
  await session.release();
  ok(
    mean(losses.slice(-10)) < 0.5 * mean(losses.slice(0, 5)),
    `losses ${losses[0]} → ${losses.at(-1)}`,
  );
  ok(accuracy(evaluation.logits, test.labels, 4) >= 0.75, "accuracy ≥ 0.75 (chance 0.25)");
});

Deno.test("a small transformer classifier learns to spot a trigger token: loss falls, accuracy ≫ chance", async () => {
  const c: TransformerConfig = {
    batch: 16,
    seq: 12,
    vocab: 30,
    hidden: 32,
    heads: 2,
    intermediate: 64,
    layers: 2,
    classes: 2,
    dropout: 0.1,
    pooling: "cls",
  };
  const compiled = compileTrainStep({ build: buildTransformer(c) });
  const params = initParams(compiled.params, 2);
  const optimizer = new AdamW(params, { lr: 3e-3, weightDecay: 0.01 });
  const session = await TrainStepSession.create(compiled, params, optimizer, {
    seed: 4,
    session: { intraOpNumThreads: 1 },
  });
  const prng = new Prng(5);
  const losses: number[] = [];
  for (let step = 0; step < 200; step++) {
    losses.push(
      (await session.step(transformerBatch(prng, c).feeds, { step, maxGradNorm: 1 })).loss,
    );
  }
  const test = transformerBatch(new Prng(77), c);
  const evaluation = await session.evaluate(test.feeds);
  await session.release();
  ok(
    mean(losses.slice(-20)) < 0.3 * mean(losses.slice(0, 10)),
    `losses ${losses[0]} → ${losses.at(-1)}`,
  );
  ok(accuracy(evaluation.logits, test.labels, 2) >= 0.85, "accuracy ≥ 0.85 (chance 0.5)");
});
