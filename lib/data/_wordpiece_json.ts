/**
 * The JSON shapes `buildWordPieceTokenizer` writes: Hugging Face `tokenizer.json` (format 1.0)
 * for a BERT-style WordPiece tokenizer and transformers' `tokenizer_config.json`.
 *
 * @module
 */

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
