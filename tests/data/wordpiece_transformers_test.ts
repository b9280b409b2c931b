/**
 * The one test that imports `@huggingface/transformers` (heavy: it loads sharp and
 * onnxruntime-web): a built WordPiece tokenizer must load in its `AutoTokenizer` and give the
 * same ids as `@huggingface/tokenizers` and as our own `encode`.
 */
import { deepEqual } from "node:assert/strict";
import { join } from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { Tokenizer } from "@huggingface/tokenizers";
import {
  buildWordPieceTokenizer,
  loadTokenizer,
  writeWordPieceTokenizer,
} from "../../lib/data/mod.ts";

const CORPUS = [
  "I have felt sad and empty for weeks, and nothing helps.",
  "I can't sleep; I wake up at 4am every night.",
  "I lost interest in gaming, which I used to love.",
  "My appetite is gone and I've lost weight.",
  "I feel worthless, like a burden to everyone.",
  "Café crème is my comfort food — naïve, I know.",
];

const SENTENCES: readonly [string, string | null][] = [
  ["I feel sad and empty.", "Depressed mood most of the day."],
  ["Nothing is fun anymore; I lost interest.", "Markedly diminished interest or pleasure."],
  ["Café crème at 4am, unknownword xyz!", null],
];

Deno.test("buildWordPieceTokenizer() output loads in transformers.js AutoTokenizer with the same ids", async () => {
  const root = await Deno.makeTempDir();
  try {
    const folder = join(root, "tiny-wordpiece");
    const files = buildWordPieceTokenizer(CORPUS, { vocabSize: 150, minFrequency: 1 });
    await writeWordPieceTokenizer(folder, files);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = root;
    env.useFSCache = false;
    const hf = await AutoTokenizer.from_pretrained("tiny-wordpiece");
    const standalone = new Tokenizer(files.tokenizerJson, files.tokenizerConfigJson);
    const ours = await loadTokenizer(folder, { family: "bert" });
    for (const [a, b] of SENTENCES) {
      const viaTransformers = hf(a, b === null ? {} : { text_pair: b });
      const tfIds = Array.from(viaTransformers.input_ids.data as BigInt64Array, Number);
      const tfTypes = Array.from(viaTransformers.token_type_ids?.data as BigInt64Array, Number);
      const viaStandalone = standalone.encode(a, { text_pair: b, return_token_type_ids: true });
      const mine = ours.encode(a, b, { maxLength: 512 });
      deepEqual(tfIds, viaStandalone.ids);
      deepEqual([...mine.inputIds], tfIds);
      deepEqual([...mine.tokenTypeIds], tfTypes);
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
