import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  buildWordPieceTokenizer,
  collateBatch,
  createTokenizer,
  DataError,
  encodeDataset,
  type EncodedDataset,
  epochBatches,
  planBatches,
  type TextTokenizer,
} from "../../lib/data/mod.ts";

const CORPUS = [
  "i feel sad and empty most of the day",
  "i can not sleep at night",
  "nothing is fun anymore",
  "i feel worthless and guilty",
  "depressed mood most of the day nearly every day",
  "insomnia or hypersomnia nearly every day",
];
const FILES = buildWordPieceTokenizer(CORPUS, { vocabSize: 300, minFrequency: 1 });
const BERT = createTokenizer(FILES.tokenizerJson, FILES.tokenizerConfigJson, { family: "bert" });

/** Same vocabulary, RoBERTa-style special tokens, so the RoBERTa path can be collated too. */
function robertaTokenizer(): TextTokenizer {
  const files = buildWordPieceTokenizer(CORPUS, {
    vocabSize: 300,
    minFrequency: 1,
    specialTokens: { pad: "<pad>", cls: "<s>", sep: "</s>", unk: "<unk>", mask: "<mask>" },
  });
  return createTokenizer(files.tokenizerJson, files.tokenizerConfigJson, { family: "roberta" });
}

const PAIRS = [
  { postId: "p1", criterionId: "A.1", textA: CORPUS[0], textB: CORPUS[4], label: 1 as const },
  { postId: "p1", criterionId: "A.4", textA: CORPUS[0], textB: CORPUS[5], label: 0 as const },
  { postId: "p2", criterionId: "A.1", textA: CORPUS[2], textB: CORPUS[4], label: 0 as const },
];

function rows(data: BigInt64Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += width) {
    out.push(Array.from(data.slice(i, i + width), Number));
  }
  return out;
}

Deno.test("collateBatch() pads to the longest item with pad ids, masks and token types", () => {
  const data = encodeDataset(PAIRS, BERT, { maxLength: 64 });
  const batch = collateBatch(data, [2, 0]);
  const lengths = [data.items[2].inputIds.length, data.items[0].inputIds.length];
  const seq = Math.max(...lengths);
  deepEqual(batch.dims, [2, seq]);
  equal(batch.inputIds.length, 2 * seq);
  const ids = rows(batch.inputIds, seq), mask = rows(batch.attentionMask, seq);
  const types = rows(batch.tokenTypeIds!, seq);
  [2, 0].forEach((item, r) => {
    const n = lengths[r];
    deepEqual(ids[r].slice(0, n), data.items[item].inputIds);
    deepEqual(ids[r].slice(n), new Array(seq - n).fill(BERT.specialIds.pad));
    deepEqual(mask[r], [...new Array(n).fill(1), ...new Array(seq - n).fill(0)]);
    deepEqual(types[r].slice(0, n), data.items[item].tokenTypeIds);
    deepEqual(types[r].slice(n), new Array(seq - n).fill(0));
  });
  ok(batch.labels.kind === "class");
  deepEqual([...batch.labels.data], [0n, 1n]);
  deepEqual(batch.labels.dims, [2]);
});

Deno.test("collateBatch() pads to max_length and rounds up to padToMultipleOf", () => {
  const data = encodeDataset(PAIRS, BERT, { maxLength: 40 });
  deepEqual(collateBatch(data, [0, 1], { padding: "max_length" }).dims, [2, 40]);
  deepEqual(collateBatch(data, [0, 1], { padding: "max_length", padToMultipleOf: 16 }).dims, [
    2,
    48,
  ]);
  const longest = Math.max(data.items[0].inputIds.length, data.items[1].inputIds.length);
  deepEqual(collateBatch(data, [0, 1], { padToMultipleOf: 8 }).dims, [
    2,
    Math.ceil(longest / 8) * 8,
  ]);
  throws(() => collateBatch(data, [0], { padToMultipleOf: 0 }), DataError);
  throws(() => collateBatch(data, [7]), /index 7/);
});

Deno.test("collateBatch() leaves token_type_ids out for RoBERTa and pads with its <pad> id", () => {
  const rob = robertaTokenizer();
  const data = encodeDataset(PAIRS, rob, { maxLength: 64 });
  const batch = collateBatch(data, [0, 2], { padding: "max_length" });
  equal(batch.tokenTypeIds, null);
  equal(Number(batch.inputIds[63]), rob.specialIds.pad);
  equal(Number(batch.inputIds[0]), rob.specialIds.cls);
});

Deno.test("encodeDataset() carries multi-hot labels as float32 [batch, numLabels]", () => {
  const sentences = [
    {
      postId: "p",
      sentenceIndex: 0,
      start: 0,
      end: 3,
      text: "sad",
      textA: "i feel sad",
      labels: [1, 0, 0],
    },
    {
      postId: "p",
      sentenceIndex: 1,
      start: 4,
      end: 9,
      text: "sleep",
      textA: "i can not sleep",
      labels: [0, 0, 1],
    },
  ];
  const data = encodeDataset(sentences, BERT, { maxLength: 16 });
  equal(data.labelKind, "multi_hot");
  equal(data.numLabels, 3);
  const batch = collateBatch(data, [1, 0]);
  ok(batch.labels.kind === "multi_hot");
  deepEqual(batch.labels.dims, [2, 3]);
  deepEqual([...batch.labels.data], [0, 0, 1, 1, 0, 0]);
  equal(data.items[0].inputIds.length, BERT.tokenize("i feel sad").length + 2);
  throws(() => encodeDataset([sentences[0], { textA: "x", labels: [1] }], BERT), /width/);
  throws(() => encodeDataset([{ textA: "x", label: -1 }], BERT), /class id/);
});

Deno.test("encodeDataset() tokenises each distinct text once", () => {
  let calls = 0;
  const counting: TextTokenizer = {
    ...BERT,
    tokenize: (text) => {
      calls++;
      return BERT.tokenize(text);
    },
  };
  const data = encodeDataset(PAIRS, counting, { maxLength: 64 });
  equal(calls, 4); // CORPUS[0], [4], [5], [2]
  deepEqual(
    data.items.map((it) => it.inputIds),
    PAIRS.map((p) => BERT.encode(p.textA, p.textB, { maxLength: 64 }).inputIds),
  );
});

Deno.test("planBatches() is deterministic per seed and epoch and covers every item once", () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 3, max: 64 }), { minLength: 1, maxLength: 60 }),
    fc.integer({ min: 1, max: 8 }),
    fc.nat(1000),
    fc.boolean(),
    (lengths, batchSize, seed, groupByLength) => {
      const options = { batchSize, seed, epoch: 3, groupByLength };
      const plan = planBatches(lengths, options);
      deepEqual(plan, planBatches(lengths, options));
      deepEqual(plan.flat().sort((a, b) => a - b), lengths.map((_, i) => i));
      ok(plan.every((b) => b.length <= batchSize && b.length > 0));
      ok(plan.filter((b) => b.length < batchSize).length <= 1);
      const dropped = planBatches(lengths, { ...options, dropLast: true });
      ok(dropped.every((b) => b.length === batchSize));
      equal(dropped.length, Math.floor(lengths.length / batchSize));
    },
  ));
});

Deno.test("planBatches() draws a different order in a different epoch and none without shuffle", () => {
  const lengths = Array.from({ length: 40 }, (_, i) => 5 + (i % 7));
  const e1 = planBatches(lengths, { batchSize: 4, seed: 42, epoch: 1 });
  const e2 = planBatches(lengths, { batchSize: 4, seed: 42, epoch: 2 });
  notDeepEqual(e1, e2);
  notDeepEqual(e1, planBatches(lengths, { batchSize: 4, seed: 43, epoch: 1 }));
  deepEqual(planBatches(lengths, { batchSize: 16, seed: 1, shuffle: false }), [
    Array.from({ length: 16 }, (_, i) => i),
    Array.from({ length: 16 }, (_, i) => 16 + i),
    Array.from({ length: 8 }, (_, i) => 32 + i),
  ]);
  throws(() => planBatches(lengths, { batchSize: 0, seed: 1 }), DataError);
});

Deno.test("planBatches() groupByLength puts neighbours in length order into one batch", () => {
  const lengths = Array.from({ length: 64 }, (_, i) => 1 + ((i * 37) % 64)); // a permutation of 1..64
  // One chunk of all items: batches are consecutive runs of the sorted lengths.
  const plan = planBatches(lengths, {
    batchSize: 8,
    seed: 7,
    groupByLength: true,
    chunkBatches: 8,
  });
  const runs = plan.map((b) => b.map((i) => lengths[i]).sort((x, y) => x - y));
  for (const run of runs) {
    equal(run.at(-1)! - run[0], 7, `batch ${run} is a run of 8 consecutive lengths`);
  }
  const padded = (p: number[][]) =>
    p.reduce((s, b) => s + b.length * Math.max(...b.map((i) => lengths[i])), 0);
  const random = planBatches(lengths, { batchSize: 8, seed: 7 });
  ok(padded(plan) < padded(random), "grouping shrinks padding");
});

Deno.test("epochBatches() yields the collated batches of planBatches() for that epoch", () => {
  const many = Array.from({ length: 11 }, (_, i) => ({ ...PAIRS[i % 3], label: (i % 2) as 0 | 1 }));
  const data: EncodedDataset = encodeDataset(many, BERT, { maxLength: 32 });
  const options = { batchSize: 4, seed: 5, epoch: 2, padToMultipleOf: 16 };
  const batches = [...epochBatches(data, options)];
  const plan = planBatches(data.items.map((it) => it.inputIds.length), options);
  deepEqual(batches.map((b) => b.indices), plan);
  ok(batches.every((b) => b.dims[1] % 16 === 0));
  deepEqual(batches[0], collateBatch(data, plan[0], options));
});
