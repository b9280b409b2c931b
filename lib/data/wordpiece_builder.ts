/**
 * Builds a BERT-style WordPiece tokenizer from a corpus, in Hugging Face's `tokenizer.json`
 * format, so tests and the quickstart have a tokenizer without any download. The output loads in
 * `@huggingface/tokenizers`, in transformers.js's `AutoTokenizer` and in Python's `tokenizers`.
 *
 * Pipeline written into the file: BertNormalizer (clean text, Chinese characters spaced,
 * lowercase + strip accents when `lowercase`), BertPreTokenizer, WordPiece model (`##` prefix,
 * `[UNK]`, 100 characters per word at most), TemplateProcessing post-processor
 * (`[CLS] A [SEP]` / `[CLS] A [SEP] B [SEP]`, token types 0/1) and WordPiece decoder.
 * The vocabulary is learned as described in `_wordpiece_trainer.ts`: special tokens, then every
 * character seen in both plain and `##` form, then frequency-ranked pair merges.
 *
 * @module
 */
import { BertNormalizer, BertPreTokenizer } from "@huggingface/tokenizers";
import { dirname, join } from "node:path";
import { learnWordPieceVocab } from "./_wordpiece_trainer.ts";
import type {
  TemplatePieceJson,
  WordPieceTokenizerConfigJson,
  WordPieceTokenizerJson,
} from "./_wordpiece_json.ts";
import { DataError } from "./errors.ts";

export type {
  AddedTokenJson,
  TemplatePieceJson,
  WordPieceTokenizerConfigJson,
  WordPieceTokenizerJson,
} from "./_wordpiece_json.ts";

/** Where in-memory input "comes from" in a `DataError`. */
const MEMORY = "<memory>";

/** The special tokens' strings, by role. */
export interface WordPieceSpecialTokens {
  /** Padding, `[PAD]`. */
  readonly pad: string;
  /** Unknown word, `[UNK]`. */
  readonly unk: string;
  /** Start of input, `[CLS]`. */
  readonly cls: string;
  /** Separator, `[SEP]`. */
  readonly sep: string;
  /** Mask, `[MASK]`. */
  readonly mask: string;
}

/** Options of {@link buildWordPieceTokenizer}. */
export interface WordPieceBuilderOptions {
  /** Vocabulary size including the special tokens; must hold specials + the alphabet. */
  readonly vocabSize: number;
  /** Lowercase and strip accents (uncased model); default `true`. */
  readonly lowercase?: boolean;
  /** A pair must occur this often to be merged; default 2. */
  readonly minFrequency?: number;
  /** Special token strings; default `[PAD] [UNK] [CLS] [SEP] [MASK]` (ids 0–4 in that order). */
  readonly specialTokens?: Partial<WordPieceSpecialTokens>;
  /** `model_max_length` written to `tokenizer_config.json`; default 512. */
  readonly modelMaxLength?: number;
}

/** Everything {@link writeWordPieceTokenizer} writes. */
export interface WordPieceTokenizerFiles {
  /** `tokenizer.json`. */
  readonly tokenizerJson: WordPieceTokenizerJson;
  /** `tokenizer_config.json`. */
  readonly tokenizerConfigJson: WordPieceTokenizerConfigJson;
  /** `special_tokens_map.json`. */
  readonly specialTokensMap: Readonly<Record<string, string>>;
  /** The vocabulary in id order (`vocab.txt`, one token a line). */
  readonly vocab: readonly string[];
}

const DEFAULT_SPECIALS: WordPieceSpecialTokens = {
  pad: "[PAD]",
  unk: "[UNK]",
  cls: "[CLS]",
  sep: "[SEP]",
  mask: "[MASK]",
};
const PREFIX = "##";
const MAX_CHARS_PER_WORD = 100;

function validateOptions(options: WordPieceBuilderOptions): void {
  const { vocabSize, minFrequency = 2, modelMaxLength = 512 } = options;
  const bad = (what: string, value: unknown): never => {
    throw new DataError(
      `Cannot build a WordPiece tokenizer: ${what} ${JSON.stringify(value)} is not valid`,
      { file: MEMORY },
    );
  };
  if (!Number.isInteger(vocabSize) || vocabSize < 1) bad("vocabSize", vocabSize);
  if (!Number.isInteger(minFrequency) || minFrequency < 1) bad("minFrequency", minFrequency);
  if (!Number.isInteger(modelMaxLength) || modelMaxLength < 2) {
    bad("modelMaxLength", modelMaxLength);
  }
}

/** Word counts after the same normaliser and pre-tokeniser the tokenizer file declares. */
function countWords(
  texts: Iterable<string>,
  normalizerConfig: WordPieceTokenizerJson["normalizer"],
  specials: ReadonlySet<string>,
): Map<string, number> {
  const { strip_accents, ...rest } = normalizerConfig;
  const normalizer = new BertNormalizer({ ...rest, strip_accents: strip_accents ?? undefined });
  const preTokenizer = new BertPreTokenizer();
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of preTokenizer.pre_tokenize_text(normalizer.normalize(text))) {
      if ([...word].length > MAX_CHARS_PER_WORD || specials.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

function template(cls: string, sep: string, pair: boolean): TemplatePieceJson[] {
  const single: TemplatePieceJson[] = [
    { SpecialToken: { id: cls, type_id: 0 } },
    { Sequence: { id: "A", type_id: 0 } },
    { SpecialToken: { id: sep, type_id: 0 } },
  ];
  if (!pair) return single;
  return [
    ...single,
    { Sequence: { id: "B", type_id: 1 } },
    { SpecialToken: { id: sep, type_id: 1 } },
  ];
}

/**
 * Learns a WordPiece vocabulary of at most `vocabSize` tokens from `texts` and returns the
 * tokenizer files as objects. Deterministic: the same texts and options give equal objects (and
 * byte-identical files). Throws a `DataError` when `vocabSize` cannot hold the special
 * tokens and the alphabet.
 *
 * @example
 * ```ts
 * import { buildWordPieceTokenizer } from "./wordpiece_builder.ts";
 * import { deepEqual } from "node:assert/strict";
 * const files = buildWordPieceTokenizer(["I feel sad.", "I feel tired."], { vocabSize: 60 });
 * deepEqual(files.vocab.slice(0, 5), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
 * deepEqual(files.tokenizerJson.model.vocab["feel"] !== undefined, true);
 * ```
 */
export function buildWordPieceTokenizer(
  texts: Iterable<string>,
  options: WordPieceBuilderOptions,
): WordPieceTokenizerFiles {
  validateOptions(options);
  const lowercase = options.lowercase ?? true;
  const sp: WordPieceSpecialTokens = { ...DEFAULT_SPECIALS, ...options.specialTokens };
  const specialList = [sp.pad, sp.unk, sp.cls, sp.sep, sp.mask];
  if (new Set(specialList).size !== specialList.length) {
    throw new DataError(
      `Cannot build a WordPiece tokenizer: special tokens ${
        JSON.stringify(specialList)
      } are not distinct`,
      { file: MEMORY },
    );
  }
  const normalizer = {
    type: "BertNormalizer",
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: null,
    lowercase,
  } as const;
  const counts = countWords(texts, normalizer, new Set(specialList));
  const learned = learnWordPieceVocab(counts, {
    maxSymbols: options.vocabSize - specialList.length,
    minFrequency: options.minFrequency ?? 2,
    prefix: PREFIX,
  });
  const vocab = [...specialList, ...learned.filter((t) => !specialList.includes(t))];
  if (vocab.length > options.vocabSize) {
    throw new DataError(
      `Cannot build a WordPiece tokenizer: vocabSize ${options.vocabSize} is below the ${specialList.length} special tokens + ${
        vocab.length - specialList.length
      } alphabet symbols the corpus needs`,
      { file: MEMORY },
    );
  }
  return assembleFiles(vocab, sp, lowercase, options.modelMaxLength ?? 512, normalizer);
}

function assembleFiles(
  vocab: readonly string[],
  sp: WordPieceSpecialTokens,
  lowercase: boolean,
  modelMaxLength: number,
  normalizer: WordPieceTokenizerJson["normalizer"],
): WordPieceTokenizerFiles {
  const specialList = [sp.pad, sp.unk, sp.cls, sp.sep, sp.mask];
  const flags = { single_word: false, lstrip: false, rstrip: false, normalized: false };
  const added = specialList.map((content, id) => ({ id, content, ...flags, special: true }));
  const vocabObject: Record<string, number> = {};
  vocab.forEach((token, id) => vocabObject[token] = id);
  const tokenizerJson: WordPieceTokenizerJson = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer,
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: template(sp.cls, sp.sep, false),
      pair: template(sp.cls, sp.sep, true),
      special_tokens: Object.fromEntries(
        [sp.cls, sp.sep].map((t) => [t, { id: t, ids: [vocabObject[t]], tokens: [t] }]),
      ),
    },
    decoder: { type: "WordPiece", prefix: PREFIX, cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: sp.unk,
      continuing_subword_prefix: PREFIX,
      max_input_chars_per_word: MAX_CHARS_PER_WORD,
      vocab: vocabObject,
    },
  };
  const tokenizerConfigJson: WordPieceTokenizerConfigJson = {
    tokenizer_class: "BertTokenizer",
    do_lower_case: lowercase,
    model_max_length: modelMaxLength,
    cls_token: sp.cls,
    sep_token: sp.sep,
    pad_token: sp.pad,
    unk_token: sp.unk,
    mask_token: sp.mask,
    strip_accents: null,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    added_tokens_decoder: Object.fromEntries(
      added.map(({ id, ...rest }) => [String(id), rest]),
    ),
  };
  const specialTokensMap = {
    cls_token: sp.cls,
    mask_token: sp.mask,
    pad_token: sp.pad,
    sep_token: sp.sep,
    unk_token: sp.unk,
  };
  return { tokenizerJson, tokenizerConfigJson, specialTokensMap, vocab };
}

/**
 * Writes `tokenizer.json`, `tokenizer_config.json`, `special_tokens_map.json` and `vocab.txt`
 * into `folder` (created if missing). Each file is written to a temporary name first and then
 * renamed, so a reader never sees a torn file.
 */
export async function writeWordPieceTokenizer(
  folder: string,
  files: WordPieceTokenizerFiles,
): Promise<void> {
  const contents: [string, string][] = [
    ["tokenizer.json", JSON.stringify(files.tokenizerJson, null, 2) + "\n"],
    ["tokenizer_config.json", JSON.stringify(files.tokenizerConfigJson, null, 2) + "\n"],
    ["special_tokens_map.json", JSON.stringify(files.specialTokensMap, null, 2) + "\n"],
    ["vocab.txt", files.vocab.join("\n") + "\n"],
  ];
  const temps: [string, string][] = [];
  try {
    await Deno.mkdir(folder, { recursive: true });
    for (const [name, text] of contents) {
      const target = join(folder, name);
      const temp = join(dirname(target), `.${name}.${crypto.randomUUID()}.tmp`);
      await Deno.writeTextFile(temp, text);
      temps.push([temp, target]);
    }
    for (const [temp, target] of temps) await Deno.rename(temp, target);
  } catch (cause) {
    for (const [temp] of temps) await Deno.remove(temp).catch(() => {});
    throw new DataError(
      `Cannot write a WordPiece tokenizer: writing into "${folder}" failed`,
      { file: folder },
      { cause },
    );
  }
}
