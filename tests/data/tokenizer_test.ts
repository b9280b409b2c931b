import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { Tokenizer } from "@huggingface/tokenizers";
import { truncatedLengths, type TruncationStrategy } from "../../lib/data/_truncation.ts";
import {
  buildWordPieceTokenizer,
  createTokenizer,
  DataError,
  loadTokenizer,
  type TextTokenizer,
  type TokenizerFamily,
} from "../../lib/data/mod.ts";

/** A hand-made tokenizer: one WordPiece token per word, ids chosen by the test. */
function handTokenizer(
  specials: Readonly<Record<string, number>>,
  config: Record<string, unknown>,
): { json: Record<string, unknown>; config: Record<string, unknown> } {
  const words = ["[UNK]", "a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5"];
  const vocab: Record<string, number> = {};
  words.forEach((w, i) => vocab[w] = 20 + i);
  const added = Object.entries(specials).map(([content, id]) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  for (const [content, id] of Object.entries(specials)) vocab[content] = id;
  return {
    json: {
      version: "1.0",
      added_tokens: added,
      normalizer: null,
      pre_tokenizer: { type: "WhitespaceSplit" },
      post_processor: null,
      decoder: null,
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab,
      },
    },
    config,
  };
}

const BERT_SPECIALS = { "[PAD]": 3, "[CLS]": 7, "[SEP]": 9 };
const ROBERTA_SPECIALS = { "<pad>": 1, "<s>": 0, "</s>": 2 };

function tokenizerFor(family: TokenizerFamily): TextTokenizer {
  const hand = family === "roberta"
    ? handTokenizer(ROBERTA_SPECIALS, { bos_token: "<s>", cls_token: "<s>", sep_token: "</s>" })
    : handTokenizer(BERT_SPECIALS, { cls_token: { content: "[CLS]" }, sep_token: "[SEP]" });
  return createTokenizer(hand.json, hand.config, { family });
}

const A = "a1 a2 a3 a4 a5"; // ids 21..25
const B = "b1 b2 b3 b4 b5"; // ids 26..30

Deno.test("truncatedLengths() longest_first matches Hugging Face tokenizers' own test table", () => {
  // tokenizers/src/utils/truncation.rs `truncate_encodings_longest_first`, max_length 7,
  // sequence lengths empty 0, short 2, medium 4, long 8.
  const expected: [number, number, number, number][] = [
    [0, 0, 0, 0],
    [0, 2, 0, 2],
    [0, 4, 0, 4],
    [0, 8, 0, 7],
    [2, 0, 2, 0],
    [2, 2, 2, 2],
    [2, 4, 2, 4],
    [2, 8, 2, 5],
    [4, 0, 4, 0],
    [4, 2, 4, 2],
    [4, 4, 3, 4],
    [4, 8, 3, 4],
    [8, 0, 7, 0],
    [8, 2, 5, 2],
    [8, 4, 4, 3],
    [8, 8, 3, 4],
  ];
  for (const [n1, n2, e1, e2] of expected) {
    deepEqual(truncatedLengths(n1, n2, 7, "longest_first"), [e1, e2], `(${n1}, ${n2})`);
  }
});

Deno.test("truncatedLengths() keeps the budget and never grows a sequence (property)", () => {
  const strategies: TruncationStrategy[] = ["longest_first", "only_first", "only_second"];
  fc.assert(fc.property(
    fc.nat(40),
    fc.nat(40),
    fc.nat(60),
    fc.constantFrom(...strategies),
    (n1, n2, budget, strategy) => {
      let out: [number, number];
      try {
        out = truncatedLengths(n1, n2, budget, strategy);
      } catch (e) {
        return e instanceof DataError && strategy !== "longest_first";
      }
      const [k1, k2] = out;
      const fits = n1 + n2 <= budget;
      return k1 <= n1 && k2 <= n2 && k1 >= 0 && k2 >= 0 &&
        (fits ? k1 === n1 && k2 === n2 : k1 + k2 === budget) &&
        (strategy !== "only_first" || k2 === n2) && (strategy !== "only_second" || k1 === n1);
    },
  ));
});

Deno.test("truncatedLengths() only_first/only_second cut one side and refuse to empty it", () => {
  deepEqual(truncatedLengths(6, 3, 7, "only_first"), [4, 3]);
  deepEqual(truncatedLengths(3, 6, 7, "only_second"), [3, 4]);
  deepEqual(truncatedLengths(10, null, 7, "longest_first"), [7, 0]);
  deepEqual(truncatedLengths(10, null, 7, "only_first"), [7, 0]);
  throws(() => truncatedLengths(2, 9, 7, "only_first"), DataError);
  throws(() => truncatedLengths(9, 2, 7, "only_second"), DataError);
  throws(() => truncatedLengths(9, null, 7, "only_second"), /no second sequence/);
});

Deno.test("truncatedLengths() only_second on a single sequence fails only when it must cut (as HF tokenizers)", () => {
  // tokenizers' truncate_encodings returns early when the total fits, before the strategy match.
  deepEqual(truncatedLengths(7, null, 7, "only_second"), [7, 0]);
  deepEqual(truncatedLengths(0, null, 0, "only_second"), [0, 0]);
  throws(() => truncatedLengths(8, null, 7, "only_second"), /no second sequence/);
});

Deno.test("encode() applies the BERT template with token types 0…0 1…1", () => {
  const tok = tokenizerFor("bert");
  const enc = tok.encode(A, B);
  deepEqual(enc.inputIds, [7, 21, 22, 23, 24, 25, 9, 26, 27, 28, 29, 30, 9]);
  deepEqual(enc.tokenTypeIds, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  deepEqual(tok.encode(A).inputIds, [7, 21, 22, 23, 24, 25, 9]);
  deepEqual(tok.encode(A).tokenTypeIds, [0, 0, 0, 0, 0, 0, 0]);
  deepEqual(tok.specialIds, { cls: 7, sep: 9, pad: 3 });
  equal(tok.usesTokenTypeIds, true);
});

Deno.test("encode() applies the RoBERTa template <s> a </s></s> b </s> without token types", () => {
  const tok = tokenizerFor("roberta");
  const enc = tok.encode("a1 a2", "b1");
  deepEqual(enc.inputIds, [0, 21, 22, 2, 2, 26, 2]);
  deepEqual(enc.tokenTypeIds, [0, 0, 0, 0, 0, 0, 0]);
  deepEqual(tok.encode("a1").inputIds, [0, 21, 2]);
  equal(tok.usesTokenTypeIds, false);
  equal(tok.specialIds.pad, 1);
});

Deno.test("encode() applies the DeBERTa-v2/v3 template like BERT, token types used", () => {
  const tok = tokenizerFor("deberta-v2");
  const enc = tok.encode("a1 a2", "b1 b2");
  deepEqual(enc.inputIds, [7, 21, 22, 9, 26, 27, 9]);
  deepEqual(enc.tokenTypeIds, [0, 0, 0, 0, 1, 1, 1]);
  equal(tok.usesTokenTypeIds, true);
});

Deno.test("encode() longest_first keeps the final [SEP] and counts the specials in maxLength", () => {
  const tok = tokenizerFor("bert");
  // 5 + 5 tokens, budget 10 − 3 = 7 → (3, 4): the odd token goes to the second on a tie.
  const enc = tok.encode(A, B, { maxLength: 10 });
  deepEqual(enc.inputIds, [7, 21, 22, 23, 9, 26, 27, 28, 29, 9]);
  deepEqual(enc.tokenTypeIds, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  // Longer first sequence loses tokens first: (5, 2) with budget 5 → (3, 2).
  deepEqual(tok.encode(A, "b1 b2", { maxLength: 8 }).inputIds, [7, 21, 22, 23, 9, 26, 27, 9]);
  // Single sequence: budget 6 − 2 = 4.
  deepEqual(tok.encode(A, null, { maxLength: 6 }).inputIds, [7, 21, 22, 23, 24, 9]);
  // RoBERTa pair reserves 4.
  const rob = tokenizerFor("roberta");
  deepEqual(rob.encode(A, B, { maxLength: 9 }).inputIds, [0, 21, 22, 2, 2, 26, 27, 28, 2]);
});

Deno.test("encode() only_first and only_second cut the named side only", () => {
  const tok = tokenizerFor("bert");
  const first = tok.encode(A, "b1 b2", { maxLength: 8, truncation: "only_first" });
  deepEqual(first.inputIds, [7, 21, 22, 23, 9, 26, 27, 9]);
  const second = tok.encode("a1 a2", B, { maxLength: 8, truncation: "only_second" });
  deepEqual(second.inputIds, [7, 21, 22, 9, 26, 27, 28, 9]);
  throws(() => tok.encode("a1", B, { maxLength: 5, truncation: "only_first" }), DataError);
  throws(() => tok.encode(A, B, { maxLength: 2 }), /maxLength 2/);
});

Deno.test("encode() gives the same ids as the tokenizer's own TemplateProcessing when nothing is cut", () => {
  const files = buildWordPieceTokenizer(
    ["I feel sad, empty and hopeless.", "Sleep is hard; I wake at 4am.", "Café naïve résumé"],
    { vocabSize: 120, minFrequency: 1 },
  );
  const own = new Tokenizer(files.tokenizerJson, files.tokenizerConfigJson);
  const tok = createTokenizer(files.tokenizerJson, files.tokenizerConfigJson, { family: "bert" });
  for (const [a, b] of [["I feel SAD!", "Depressed mood"], ["Résumé at 4am", null]] as const) {
    const ref = own.encode(a, { text_pair: b, return_token_type_ids: true });
    const mine = tok.encode(a, b);
    deepEqual(mine.inputIds, ref.ids);
    deepEqual(mine.tokenTypeIds, ref.token_type_ids);
  }
});

Deno.test("loadTokenizer() names the missing file and the missing special token", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "tokenizer_config.json"), "{}");
    await loadTokenizer(dir, { family: "bert" }).then(
      () => ok(false, "expected a DataError"),
      (e) => {
        ok(e instanceof DataError);
        equal(e.file, join(dir, "tokenizer.json"));
        ok(e.message.includes("not found"));
      },
    );
    const hand = handTokenizer(BERT_SPECIALS, {});
    await Deno.writeTextFile(join(dir, "tokenizer.json"), JSON.stringify(hand.json));
    const tok = await loadTokenizer(dir, { family: "bert" });
    deepEqual(tok.specialIds, { cls: 7, sep: 9, pad: 3 });
    await loadTokenizer(dir, { family: "roberta" }).then(
      () => ok(false, "expected a DataError"),
      (e) => ok(e instanceof DataError && /"<s>" \(cls_token\)/.test(e.message)),
    );
    await Deno.remove(join(dir, "tokenizer_config.json"));
    await loadTokenizer(dir, { family: "bert" }).then(
      () => ok(false, "expected a DataError"),
      (e) => ok(e instanceof DataError && e.file === join(dir, "tokenizer_config.json")),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("decode(encode(words)) round-trips lowercase ASCII words of the vocabulary (property)", () => {
  const corpus = [
    "i feel sad and tired every day",
    "nothing is fun anymore and i sleep badly",
    "my appetite is gone and i feel worthless",
  ];
  const files = buildWordPieceTokenizer(corpus, { vocabSize: 200, minFrequency: 1 });
  const tok = createTokenizer(files.tokenizerJson, files.tokenizerConfigJson, { family: "bert" });
  const words = files.vocab.filter((t) => /^[a-z]+$/.test(t));
  ok(words.length > 10);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), (ws) => {
      const text = ws.join(" ");
      const enc = tok.encode(text);
      return tok.decode(enc.inputIds, { skipSpecialTokens: true }) === text;
    }),
  );
});
