/**
 * Loads a Hugging Face `tokenizer.json` (+ `tokenizer_config.json`) with the pure-JS
 * `@huggingface/tokenizers` and encodes text for BERT, RoBERTa and DeBERTa-v2/v3 models: the text
 * is encoded **without** special tokens, then cut by our own truncation (`_truncation.ts`) and
 * wrapped in the family's template (`_templates.ts`). transformers.js's own truncation drops the
 * final `[SEP]` and has no longest-first strategy, hence this module.
 *
 * @module
 */
import { Tokenizer } from "@huggingface/tokenizers";
import { join } from "node:path";
import {
  applyTemplate,
  familyUsesTokenTypes,
  specialTokenCount,
  type SpecialTokenIds,
  type TokenizerFamily,
} from "./_templates.ts";
import { truncatedLengths, type TruncationStrategy } from "./_truncation.ts";
import { DataError } from "./errors.ts";

/** Where in-memory input "comes from" in a `DataError`. */
const MEMORY = "<memory>";

export type { SpecialTokenIds, TokenizerFamily, TruncationStrategy };

/** Options of {@link loadTokenizer} and {@link createTokenizer}. */
export interface LoadTokenizerOptions {
  /** Which template to apply: `bert`, `roberta` or `deberta-v2` (DeBERTa-v3 too). */
  readonly family: TokenizerFamily;
  /** Where the files came from, for error messages (set by {@link loadTokenizer}). */
  readonly source?: string;
}

/** Options of {@link TextTokenizer.encode}. */
export interface TextEncodeOptions {
  /** Total length including special tokens; default the tokenizer's `modelMaxLength`. */
  readonly maxLength?: number;
  /** How to cut a too-long input; default `longest_first`. */
  readonly truncation?: TruncationStrategy;
}

/** One encoded input: ids with the template's special tokens, and segment ids. */
export interface EncodedInput {
  /** Token ids, special tokens included; at most `maxLength` long. */
  readonly inputIds: readonly number[];
  /** Segment ids of the same length (all 0 for RoBERTa). */
  readonly tokenTypeIds: readonly number[];
}

/** Options of {@link TextTokenizer.decode}. */
export interface TextDecodeOptions {
  /** Leave special tokens out; default `false`. */
  readonly skipSpecialTokens?: boolean;
}

/** A loaded tokenizer bound to a model family. */
export interface TextTokenizer {
  /** The family whose template is applied. */
  readonly family: TokenizerFamily;
  /** `cls`, `sep` and `pad` ids, read from the tokenizer files. */
  readonly specialIds: SpecialTokenIds;
  /** Whether the family's models take `token_type_ids` (not RoBERTa). */
  readonly usesTokenTypeIds: boolean;
  /** `model_max_length` from `tokenizer_config.json` (512 when absent or unbounded). */
  readonly modelMaxLength: number;
  /** Number of ids (vocabulary plus added tokens). */
  readonly vocabSize: number;
  /** Ids of `text` without any special token and without truncation. */
  tokenize(text: string): number[];
  /** Encodes a text (pair): tokenise, truncate, apply the template. */
  encode(textA: string, textB?: string | null, options?: TextEncodeOptions): EncodedInput;
  /** Truncates already tokenised ids (from {@link TextTokenizer.tokenize}) and applies the template. */
  encodeIds(
    idsA: readonly number[],
    idsB: readonly number[] | null,
    options?: TextEncodeOptions,
  ): EncodedInput;
  /** Text of `ids`, via the tokenizer's decoder. */
  decode(ids: readonly number[], options?: TextDecodeOptions): string;
}

const FAMILY_TOKENS: Readonly<
  Record<TokenizerFamily, Readonly<Record<keyof SpecialTokenIds, string>>>
> = {
  bert: { cls: "[CLS]", sep: "[SEP]", pad: "[PAD]" },
  "deberta-v2": { cls: "[CLS]", sep: "[SEP]", pad: "[PAD]" },
  roberta: { cls: "<s>", sep: "</s>", pad: "<pad>" },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A special token's string from `tokenizer_config.json` (a string or `{ content }`). */
function configToken(config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  if (typeof value === "string") return value;
  if (isRecord(value) && typeof value.content === "string") return value.content;
  return undefined;
}

function resolveSpecialIds(
  tokenizer: Tokenizer,
  config: Record<string, unknown>,
  family: TokenizerFamily,
  source: string,
): SpecialTokenIds {
  const ids: Record<string, number> = {};
  for (const role of ["cls", "sep", "pad"] as const) {
    const token = configToken(config, `${role}_token`) ?? FAMILY_TOKENS[family][role];
    const id = tokenizer.token_to_id(token);
    if (id === undefined) {
      throw new DataError(
        `Cannot load a ${family} tokenizer: special token ${
          JSON.stringify(token)
        } (${role}_token) is not in the vocabulary of ${source}`,
        { file: source },
      );
    }
    ids[role] = id;
  }
  return { cls: ids.cls, sep: ids.sep, pad: ids.pad };
}

function validateFamily(family: unknown): TokenizerFamily {
  if (family === "bert" || family === "roberta" || family === "deberta-v2") return family;
  throw new DataError(
    `Cannot load a tokenizer: family ${
      JSON.stringify(family)
    } is not one of "bert", "roberta", "deberta-v2"`,
    { file: MEMORY },
  );
}

/** Truncation plus template for one family: the heart of {@link TextTokenizer.encodeIds}. */
function templatedEncoder(
  family: TokenizerFamily,
  specialIds: SpecialTokenIds,
  modelMaxLength: number,
): TextTokenizer["encodeIds"] {
  return (idsA, idsB, encodeOptions = {}) => {
    const maxLength = encodeOptions.maxLength ?? modelMaxLength;
    const reserved = specialTokenCount(family, idsB !== null);
    if (!Number.isInteger(maxLength) || maxLength < reserved) {
      throw new DataError(
        `Cannot encode: maxLength ${maxLength} is not an integer ≥ ${reserved} (the ${family} template's special tokens)`,
        { file: MEMORY },
      );
    }
    const strategy = encodeOptions.truncation ?? "longest_first";
    const budget = maxLength - reserved;
    const [nA, nB] = truncatedLengths(idsA.length, idsB?.length ?? null, budget, strategy);
    const a = nA === idsA.length ? idsA : idsA.slice(0, nA);
    const b = idsB === null ? null : nB === idsB.length ? idsB : idsB.slice(0, nB);
    return applyTemplate(family, specialIds, a, b);
  };
}

/**
 * A {@link TextTokenizer} from parsed `tokenizer.json` and `tokenizer_config.json` objects (for
 * example the output of `buildWordPieceTokenizer`).
 *
 * @example
 * ```ts
 * import { buildWordPieceTokenizer, createTokenizer } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const files = buildWordPieceTokenizer(["i feel sad", "i feel low"], { vocabSize: 60 });
 * const tok = createTokenizer(files.tokenizerJson, files.tokenizerConfigJson, { family: "bert" });
 * const enc = tok.encode("i feel sad", "low mood", { maxLength: 6 });
 * deepEqual(enc.inputIds.length, 6);
 * deepEqual(enc.inputIds.at(-1), tok.specialIds.sep); // the final [SEP] survives truncation
 * ```
 */
export function createTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  options: LoadTokenizerOptions,
): TextTokenizer {
  const family = validateFamily(options.family);
  const source = options.source ?? "the given tokenizer.json";
  if (!isRecord(tokenizerJson) || !isRecord(tokenizerConfig)) {
    throw new DataError(
      `Cannot load a tokenizer: ${source} or its config is not a JSON object`,
      { file: source },
    );
  }
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  } catch (cause) {
    throw new DataError(
      `Cannot load a tokenizer: ${source} was rejected (${String(cause)})`,
      { file: source },
      { cause },
    );
  }
  const specialIds = resolveSpecialIds(tokenizer, tokenizerConfig, family, source);
  const declaredMax = tokenizerConfig.model_max_length;
  const modelMaxLength =
    typeof declaredMax === "number" && Number.isInteger(declaredMax) && declaredMax > 0 &&
      declaredMax <= 1_000_000
      ? declaredMax
      : 512;
  const tokenize = (text: string): number[] =>
    text.length === 0 ? [] : tokenizer.encode(text, { add_special_tokens: false }).ids;
  const encodeIds = templatedEncoder(family, specialIds, modelMaxLength);
  return {
    family,
    specialIds,
    usesTokenTypeIds: familyUsesTokenTypes(family),
    modelMaxLength,
    vocabSize: tokenizer.get_vocab(true).size,
    tokenize,
    encodeIds,
    encode: (textA, textB = null, encodeOptions = {}) =>
      encodeIds(tokenize(textA), textB === null ? null : tokenize(textB), encodeOptions),
    decode: (ids, decodeOptions = {}) =>
      ids.length === 0 ? "" : tokenizer.decode([...ids], {
        skip_special_tokens: decodeOptions.skipSpecialTokens ?? false,
      }),
  };
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    const missing = cause instanceof Deno.errors.NotFound;
    throw new DataError(
      `Cannot load a tokenizer: ${what} ${missing ? "not found" : "unreadable"} at "${path}"`,
      { file: path },
      { cause },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DataError(`Cannot load a tokenizer: "${path}" is not valid JSON`, { file: path }, {
      cause,
    });
  }
}

/**
 * Loads `tokenizer.json` and `tokenizer_config.json` from a local model folder and binds them to a
 * model family. Missing files raise a `DataError` whose `file` is the path looked for.
 */
export async function loadTokenizer(
  folder: string,
  options: LoadTokenizerOptions,
): Promise<TextTokenizer> {
  const family = validateFamily(options.family);
  const jsonPath = join(folder, "tokenizer.json");
  const tokenizerJson = await readJson(jsonPath, "tokenizer.json");
  const config = await readJson(join(folder, "tokenizer_config.json"), "tokenizer_config.json");
  return createTokenizer(tokenizerJson, config, { family, source: jsonPath });
}
