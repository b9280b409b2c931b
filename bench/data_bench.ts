/**
 * Tokenisation bench: builds a WordPiece tokenizer from a synthetic ReDSM5-shaped corpus, then
 * tokenises 10,000 (post, criterion) sentence pairs with longest-first truncation to 256 tokens.
 *
 * Posts are 100–300 words, composed (seeded) from the synthetic corpus's posts; the criterion
 * texts are the shipped DSM-5 MDD criteria. Three figures:
 * 1. `encode()` of every pair from scratch (no cache) — the cost of tokenising 10,000 pairs;
 * 2. `encodeDataset()` (each distinct text tokenised once, as training does);
 * 3. one epoch of padded int64 batches (batch 16, length-grouped, padded to a multiple of 32).
 * Steps 1–2 run `REPEATS` times; min and max show the noise.
 *
 * Run: `deno task bench:data`
 *
 * @module
 */
import { join } from "node:path";
import {
  buildCriteriaPairs,
  buildWordPieceTokenizer,
  encodeDataset,
  epochBatches,
  generateSyntheticCorpus,
  loadTokenizer,
  parseRedsm5,
  shippedDsm5Criteria,
  writeWordPieceTokenizer,
} from "../lib/data/mod.ts";
import { deriveSeed, Prng } from "../lib/random/mod.ts";

const SEED = 42;
const PAIRS = 10_000;
const MAX_LENGTH = 256;
const VOCAB_SIZE = 8_000;
const REPEATS = 3;

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Posts of 100–300 words made by concatenating synthetic posts, then cutting at the target. */
function benchPosts(sourceTexts: readonly string[], count: number): string[] {
  const prng = new Prng(deriveSeed(SEED, "bench_posts"));
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = prng.int(100, 300);
    const words: string[] = [];
    while (words.length < target) {
      words.push(...sourceTexts[prng.int(0, sourceTexts.length - 1)].split(/\s+/).filter(Boolean));
    }
    posts.push(words.slice(0, target).join(" "));
  }
  return posts;
}

async function main(): Promise<void> {
  const criteria = shippedDsm5Criteria().criteria;
  const postCount = Math.ceil(PAIRS / criteria.length);
  const synthetic = generateSyntheticCorpus({ nPosts: 2_000, seed: SEED });
  const corpus = parseRedsm5(synthetic.postsCsv, synthetic.annotationsCsv, {
    postsFile: "posts.csv",
    annotationsFile: "annotations.csv",
  });
  const texts = benchPosts(corpus.posts.map((p) => p.text), postCount);
  const words = texts.reduce((n, t) => n + t.split(" ").length, 0);

  let t0 = performance.now();
  const files = buildWordPieceTokenizer([...texts, ...criteria.map((c) => c.text)], {
    vocabSize: VOCAB_SIZE,
  });
  const buildSeconds = seconds(t0);
  const dir = await Deno.makeTempDir({ prefix: "data_bench_" });
  try {
    await writeWordPieceTokenizer(dir, files);
    t0 = performance.now();
    const tok = await loadTokenizer(dir, { family: "bert" });
    const loadSeconds = seconds(t0);
    const pairs = buildCriteriaPairs({
      posts: texts.map((text, i) => ({ postId: `b${i}`, text })),
      criteria,
      groundTruth: [],
      pairs: "all",
      postIds: texts.map((_, i) => `b${i}`),
    }).slice(0, PAIRS);

    const raw: number[] = [], cached: number[] = [];
    let tokens = 0, truncated = 0;
    for (let r = 0; r < REPEATS; r++) {
      t0 = performance.now();
      tokens = 0;
      truncated = 0;
      for (const p of pairs) {
        const n = tok.encode(p.textA, p.textB, { maxLength: MAX_LENGTH }).inputIds.length;
        tokens += n;
        if (n === MAX_LENGTH) truncated++;
      }
      raw.push(seconds(t0));
      t0 = performance.now();
      encodeDataset(pairs, tok, { maxLength: MAX_LENGTH });
      cached.push(seconds(t0));
    }
    const data = encodeDataset(pairs, tok, { maxLength: MAX_LENGTH });
    t0 = performance.now();
    let batches = 0, cells = 0;
    for (
      const b of epochBatches(data, {
        batchSize: 16,
        seed: SEED,
        epoch: 0,
        groupByLength: true,
        padToMultipleOf: 32,
      })
    ) {
      batches++;
      cells += b.dims[0] * b.dims[1];
    }
    const batchSeconds = seconds(t0);

    const fmt = (xs: number[]) =>
      `min ${Math.min(...xs).toFixed(2)} s, max ${Math.max(...xs).toFixed(2)} s`;
    const rate = (s: number) => Math.round(PAIRS / s).toLocaleString("en-US");
    console.log(`data bench — Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs`);
    console.log(
      `corpus: ${texts.length} posts of 100–300 words (${words} words), ${criteria.length} criteria`,
    );
    console.log(
      `build WordPiece tokenizer (vocab ${files.vocab.length}): ${buildSeconds.toFixed(2)} s`,
    );
    console.log(`load tokenizer.json from disk: ${(loadSeconds * 1000).toFixed(0)} ms`);
    console.log(
      `tokenise ${PAIRS} pairs, longest_first to ${MAX_LENGTH}, no cache: ${fmt(raw)} ` +
        `(${rate(Math.min(...raw))} pairs/s best; ${truncated} pairs truncated, ` +
        `${(tokens / PAIRS).toFixed(1)} tokens/pair)`,
    );
    console.log(
      `encodeDataset ${PAIRS} pairs (distinct texts once): ${fmt(cached)} ` +
        `(${rate(Math.min(...cached))} pairs/s best)`,
    );
    console.log(
      `one epoch of batches (16, length-grouped, ×32): ${batches} batches, ` +
        `${(batchSeconds * 1000).toFixed(0)} ms, padding ${
          (100 * (1 - tokens / cells)).toFixed(1)
        }% of cells`,
    );
    console.log(`(${REPEATS} repeats each; min–max is the noise on a shared machine)`);
  } finally {
    await Deno.remove(join(dir), { recursive: true });
  }
}

if (import.meta.main) await main();
