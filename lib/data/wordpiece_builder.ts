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
import { DataError } from "./errors.ts";

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

/** One `added_tokens` entry of `tokenizer.json`. */
export interface AddedTokenJson {
  /** Token id. */
  readonly id: number;
  /** Token string. */
  readonly content: string;
  /** Match whole words only. */
  readonly single_word: boolean;
  /** Strip whitespace on the left. */
  readonly lstrip: boolean;
  /** Strip whitespace on the right. */
  readonly rstrip: boolean;
  /** Match after normalisation. */
  readonly normalized: boolean;
  /** A special token (skipped when decoding with `skip_special_tokens`). */
  readonly special: boolean;
}

/** A template item of the TemplateProcessing post-processor. */
export type TemplatePieceJson =
  | { readonly SpecialToken: { readonly id: string; readonly type_id: number } }
  | { readonly Sequence: { readonly id: "A" | "B"; readonly type_id: number } };

/** The `tokenizer.json` this builder writes (Hugging Face tokenizers format 1.0). */
export interface WordPieceTokenizerJson {
  /** Format version, `"1.0"`. */
  readonly version: string;
  /** No truncation stored (we truncate ourselves). */
  readonly truncation: null;
  /** No padding stored. */
  readonly padding: null;
  /** The special tokens. */
  readonly added_tokens: readonly AddedTokenJson[];
  /** BertNormalizer settings. */
  readonly normalizer: {
    readonly type: "BertNormalizer";
    readonly clean_text: boolean;
    readonly handle_chinese_chars: boolean;
    readonly strip_accents: boolean | null;
    readonly lowercase: boolean;
  };
  /** BertPreTokenizer. */
  readonly pre_tokenizer: { readonly type: "BertPreTokenizer" };
  /** BERT template. */
  readonly post_processor: {
    readonly type: "TemplateProcessing";
    readonly single: readonly TemplatePieceJson[];
    readonly pair: readonly TemplatePieceJson[];
    readonly special_tokens: Readonly<
      Record<string, {
        readonly id: string;
        readonly ids: readonly number[];
        readonly tokens: readonly string[];
      }>
    >;
  };
  /** WordPiece decoder. */
  readonly decoder: {
    readonly type: "WordPiece";
    readonly prefix: string;
    readonly cleanup: boolean;
  };
  /** WordPiece model with its vocabulary (token → id, in id order). */
  readonly model: {
    readonly type: "WordPiece";
    readonly unk_token: string;
    readonly continuing_subword_prefix: string;
    readonly max_input_chars_per_word: number;
    readonly vocab: Readonly<Record<string, number>>;
  };
}

/** The `tokenizer_config.json` this builder writes. */
export interface WordPieceTokenizerConfigJson {
  /** `BertTokenizer`. */
  readonly tokenizer_class: string;
  /** Whether the text is lowercased. */
  readonly do_lower_case: boolean;
  /** Maximum input length the model accepts. */
  readonly model_max_length: number;
  /** `[CLS]` string. */
  readonly cls_token: string;
  /** `[SEP]` string. */
  readonly sep_token: string;
  /** `[PAD]` string. */
  readonly pad_token: string;
  /** `[UNK]` string. */
  readonly unk_token: string;
  /** `[MASK]` string. */
  readonly mask_token: string;
  /** Strip accents (null: follow lowercasing). */
  readonly strip_accents: boolean | null;
  /** Space out CJK characters. */
  readonly tokenize_chinese_chars: boolean;
  /** Tidy spaces around punctuation when decoding. */
  readonly clean_up_tokenization_spaces: boolean;
  /** The special tokens by id, as transformers writes them. */
  readonly added_tokens_decoder: Readonly<Record<string, Omit<AddedTokenJson, "id">>>;
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
  try {
    await Deno.mkdir(folder, { recursive: true });
    const temps: [string, string][] = [];
    for (const [name, text] of contents) {
      const target = join(folder, name);
      const temp = join(dirname(target), `.${name}.${crypto.randomUUID()}.tmp`);
      await Deno.writeTextFile(temp, text);
      temps.push([temp, target]);
    }
    for (const [temp, target] of temps) await Deno.rename(temp, target);
  } catch (cause) {
    throw new DataError(
      `Cannot write a WordPiece tokenizer: writing into "${folder}" failed`,
      { file: folder },
      { cause },
    );
  }
}
