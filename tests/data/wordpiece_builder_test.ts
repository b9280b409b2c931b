import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import { learnWordPieceVocab } from "../../lib/data/_wordpiece_trainer.ts";
import {
  buildWordPieceTokenizer,
  DataError,
  loadTokenizer,
  writeWordPieceTokenizer,
} from "../../lib/data/mod.ts";

const CORPUS = [
  "I have been feeling really sad and empty lately.",
  "I feel sad most days, and I cry for no reason.",
  "Feeling hopeless; nothing feels worth it anymore.",
  "I can't sleep at night and I feel tired all day.",
  "I sleep twelve hours and still feel tired.",
  "I feel worthless and guilty about everything.",
  "Ich bin müde — café, naïve, 睡眠",
];

const FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"];

Deno.test("buildWordPieceTokenizer() writes byte-identical files for the same texts", async () => {
  const root = await Deno.makeTempDir();
  try {
    const options = { vocabSize: 160, minFrequency: 2 };
    await writeWordPieceTokenizer(join(root, "a"), buildWordPieceTokenizer(CORPUS, options));
    await writeWordPieceTokenizer(join(root, "b"), buildWordPieceTokenizer([...CORPUS], options));
    for (const name of FILES) {
      deepEqual(
        await Deno.readFile(join(root, "a", name)),
        await Deno.readFile(join(root, "b", name)),
        name,
      );
    }
    const leftovers = [...Deno.readDirSync(join(root, "a"))].map((e) => e.name).sort();
    deepEqual(leftovers, [...FILES].sort(), "no temporary files are left behind");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("buildWordPieceTokenizer() puts specials first, then the alphabet, then merges", () => {
  const { vocab, tokenizerJson } = buildWordPieceTokenizer(CORPUS, { vocabSize: 200 });
  ok(vocab.length <= 200);
  deepEqual(vocab.slice(0, 5), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
  deepEqual(tokenizerJson.added_tokens.map((t) => [t.id, t.content]), [
    [0, "[PAD]"],
    [1, "[UNK]"],
    [2, "[CLS]"],
    [3, "[SEP]"],
    [4, "[MASK]"],
  ]);
  vocab.forEach((t, i) => equal(tokenizerJson.model.vocab[t], i));
  // Every character seen (after lowercasing and accent stripping) has both forms.
  for (const c of ["a", "s", "m", "u", "睡", ";"]) {
    ok(vocab.includes(c), c);
    ok(vocab.includes("##" + c), "##" + c);
  }
  ok(!vocab.includes("ü"), "accents are stripped when lowercasing");
  // Frequent whole words become single tokens.
  for (const w of ["feel", "sad", "sleep", "tired", "i"]) ok(vocab.includes(w), w);
});

Deno.test("buildWordPieceTokenizer() honours minFrequency and lowercase: false", () => {
  const only = buildWordPieceTokenizer(CORPUS, { vocabSize: 10_000, minFrequency: 1_000 });
  ok(only.vocab.every((t) => [...t.replace(/^##/, "")].length === 1 || t.startsWith("[")));
  const cased = buildWordPieceTokenizer(CORPUS, { vocabSize: 300, lowercase: false });
  ok(cased.vocab.includes("I"));
  ok(cased.vocab.includes("ü"), "accents are kept without lowercasing");
  equal(cased.tokenizerJson.normalizer.lowercase, false);
  equal(cased.tokenizerConfigJson.do_lower_case, false);
});

Deno.test("buildWordPieceTokenizer() rejects a vocabSize that cannot hold the alphabet", () => {
  throws(() => buildWordPieceTokenizer(CORPUS, { vocabSize: 20 }), DataError);
  throws(() => buildWordPieceTokenizer(CORPUS, { vocabSize: 0 }), /vocabSize 0/);
  throws(
    () => buildWordPieceTokenizer(CORPUS, { vocabSize: 200, specialTokens: { cls: "[SEP]" } }),
    /not distinct/,
  );
});

Deno.test("writeWordPieceTokenizer() output loads with loadTokenizer() and encodes with [UNK]", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files = buildWordPieceTokenizer(CORPUS, {
      vocabSize: 200,
      specialTokens: { unk: "<unk>" },
      modelMaxLength: 128,
    });
    await writeWordPieceTokenizer(dir, files);
    const tok = await loadTokenizer(dir, { family: "bert" });
    equal(tok.modelMaxLength, 128);
    equal(tok.vocabSize, files.vocab.length);
    const ids = tok.tokenize("I feel sad ☃");
    deepEqual(ids.slice(0, 3), ["i", "feel", "sad"].map((w) => files.tokenizerJson.model.vocab[w]));
    equal(ids[3], files.tokenizerJson.model.vocab["<unk>"]);
    const vocabTxt = await Deno.readTextFile(join(dir, "vocab.txt"));
    deepEqual(vocabTxt.trimEnd().split("\n"), files.vocab);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("learnWordPieceVocab() merges the most frequent pair first (hand-worked example)", () => {
  // Pair counts: ##u ##g 20 (hug 10, pug 5, hugs 5), ##u ##n 16, p ##u 17 … then re-counted.
  const counts = new Map([["hug", 10], ["pug", 5], ["pun", 12], ["bun", 4], ["hugs", 5]]);
  const alphabet = [
    "b",
    "g",
    "h",
    "n",
    "p",
    "s",
    "u",
    "##b",
    "##g",
    "##h",
    "##n",
    "##p",
    "##s",
    "##u",
  ];
  const options = { maxSymbols: 100, minFrequency: 1, prefix: "##" };
  deepEqual(learnWordPieceVocab(counts, options), [
    ...alphabet,
    "##ug", // 20
    "##un", // 16
    "hug", // 15
    "pun", // 12
    "hugs", // 5, ties with "pug" (5): left "hug" sorts before "p"
    "pug", // 5
    "bun", // 4
  ]);
  deepEqual(learnWordPieceVocab(counts, { ...options, minFrequency: 5 }).slice(14), [
    "##ug",
    "##un",
    "hug",
    "pun",
    "hugs",
    "pug",
  ]);
  deepEqual(learnWordPieceVocab(counts, { ...options, maxSymbols: 16 }).slice(14), [
    "##ug",
    "##un",
  ]);
});
