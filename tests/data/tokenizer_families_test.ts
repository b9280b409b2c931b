/**
 * Our templates against the tokenizers' own post-processors, on tiny hand-made files shaped like
 * the real ones: RoBERTa (ByteLevel BPE + RobertaProcessing) and DeBERTa-v3 (Metaspace Unigram +
 * TemplateProcessing). When nothing is cut, our ids must equal the package's own full encoding.
 */
import { deepEqual } from "node:assert/strict";
import { Tokenizer } from "@huggingface/tokenizers";
import { createTokenizer } from "../../lib/data/mod.ts";

function added(tokens: readonly string[]): Record<string, unknown>[] {
  return tokens.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

function robertaJson(): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const pieces = [
    "<s>",
    "<pad>",
    "</s>",
    "<unk>",
    "h",
    "e",
    "l",
    "o",
    "Ġ",
    "w",
    "r",
    "d",
    "s",
    "a",
  ];
  const merged = ["he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "ld", "Ġworld", "Ġs", "Ġsa"];
  [...pieces, ...merged].forEach((t, i) => vocab[t] = i);
  return {
    version: "1.0",
    added_tokens: added(["<s>", "<pad>", "</s>", "<unk>"]),
    normalizer: null,
    pre_tokenizer: {
      type: "ByteLevel",
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: true,
    },
    post_processor: {
      type: "RobertaProcessing",
      sep: ["</s>", 2],
      cls: ["<s>", 0],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: [
        "h e",
        "l l",
        "he ll",
        "hell o",
        "Ġ w",
        "o r",
        "Ġw or",
        "l d",
        "Ġwor ld",
        "Ġ s",
        "Ġs a",
      ],
    },
  };
}

function debertaV3Json(): Record<string, unknown> {
  const special = (id: string, type_id: number) => ({ SpecialToken: { id, type_id } });
  const seq = (id: string, type_id: number) => ({ Sequence: { id, type_id } });
  const scored: [string, number][] = [["▁hello", -1], ["▁world", -1.5], ["▁sad", -2], ["▁", -3]];
  for (const c of "helowrdsa") scored.push([c, -4]);
  return {
    version: "1.0",
    added_tokens: added(["[PAD]", "[CLS]", "[SEP]", "[UNK]"]),
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "WhitespaceSplit" },
        { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
      ],
    },
    post_processor: {
      type: "TemplateProcessing",
      single: [special("[CLS]", 0), seq("A", 0), special("[SEP]", 0)],
      pair: [
        special("[CLS]", 0),
        seq("A", 0),
        special("[SEP]", 0),
        seq("B", 1),
        special("[SEP]", 1),
      ],
      special_tokens: {},
    },
    decoder: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    model: {
      type: "Unigram",
      unk_id: 3,
      byte_fallback: false,
      vocab: [["[PAD]", 0], ["[CLS]", 0], ["[SEP]", 0], ["[UNK]", 0], ...scored],
    },
  };
}

const PAIRS: readonly [string, string | null][] = [
  ["hello world", "sad hello"],
  ["hello", null],
  ["world hello world", "sad"],
];

Deno.test("encode() matches RobertaProcessing of a ByteLevel BPE tokenizer (RoBERTa)", () => {
  const json = robertaJson();
  const config = {
    bos_token: "<s>",
    eos_token: "</s>",
    cls_token: "<s>",
    sep_token: "</s>",
    pad_token: "<pad>",
  };
  const own = new Tokenizer(json, config);
  const tok = createTokenizer(json, config, { family: "roberta" });
  for (const [a, b] of PAIRS) {
    deepEqual(tok.encode(a, b).inputIds, own.encode(a, { text_pair: b }).ids, `${a} | ${b}`);
  }
  deepEqual(tok.specialIds, { cls: 0, sep: 2, pad: 1 });
  // Truncated: 2 + 5 tokens (s a d Ġ hello), budget 8 − 4 = 4 → (2, 2), final </s> kept.
  const a = own.encode("hello world", { add_special_tokens: false }).ids;
  const b = own.encode("sad hello", { add_special_tokens: false }).ids;
  deepEqual([a.length, b.length], [2, 5]);
  deepEqual(
    tok.encode("hello world", "sad hello", { maxLength: 8 }).inputIds,
    [0, ...a, 2, 2, ...b.slice(0, 2), 2],
  );
});

Deno.test("encode() matches the TemplateProcessing of a Metaspace Unigram tokenizer (DeBERTa-v3)", () => {
  const json = debertaV3Json();
  const config = { cls_token: "[CLS]", sep_token: "[SEP]", pad_token: "[PAD]", unk_token: "[UNK]" };
  const own = new Tokenizer(json, config);
  const tok = createTokenizer(json, config, { family: "deberta-v2" });
  for (const [a, b] of PAIRS) {
    const ref = own.encode(a, { text_pair: b, return_token_type_ids: true });
    const mine = tok.encode(a, b);
    deepEqual(mine.inputIds, ref.ids, `${a} | ${b}`);
    deepEqual(mine.tokenTypeIds, ref.token_type_ids, `${a} | ${b}`);
  }
  deepEqual(tok.specialIds, { cls: 1, sep: 2, pad: 0 });
});
