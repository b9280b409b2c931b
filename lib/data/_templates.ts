/**
 * The model families' input templates, applied after truncation to ids encoded without special
 * tokens:
 *
 * | family       | single            | pair                          | token types          |
 * | ------------ | ----------------- | ----------------------------- | -------------------- |
 * | `bert`       | `[CLS] A [SEP]`   | `[CLS] A [SEP] B [SEP]`       | 0 for A part, 1 for B part |
 * | `deberta-v2` | `[CLS] A [SEP]`   | `[CLS] A [SEP] B [SEP]`       | as BERT              |
 * | `roberta`    | `<s> A </s>`      | `<s> A </s></s> B </s>`       | all 0 (type_vocab_size 1) |
 *
 * @module
 */

/** The model families whose templates we know. */
export type TokenizerFamily = "bert" | "roberta" | "deberta-v2";

/** The special token ids a template needs, read from the tokenizer files. */
export interface SpecialTokenIds {
  /** `[CLS]` / `<s>`. */
  readonly cls: number;
  /** `[SEP]` / `</s>`. */
  readonly sep: number;
  /** `[PAD]` / `<pad>`. */
  readonly pad: number;
}

/** Ids and token types of one templated input. */
export interface TemplatedIds {
  /** Token ids with the special tokens. */
  readonly inputIds: number[];
  /** Segment ids, same length (all 0 for RoBERTa). */
  readonly tokenTypeIds: number[];
}

/** How many special tokens the family's template adds to a single input or a pair. */
export function specialTokenCount(family: TokenizerFamily, pair: boolean): number {
  if (!pair) return 2;
  return family === "roberta" ? 4 : 3;
}

/** Whether the family's models take `token_type_ids`. */
export function familyUsesTokenTypes(family: TokenizerFamily): boolean {
  return family !== "roberta";
}

/** Wraps `a` (and `b`) in the family's template. */
export function applyTemplate(
  family: TokenizerFamily,
  special: SpecialTokenIds,
  a: readonly number[],
  b: readonly number[] | null,
): TemplatedIds {
  const inputIds = [special.cls, ...a, special.sep];
  const firstLength = inputIds.length;
  if (b !== null) {
    if (family === "roberta") inputIds.push(special.sep);
    inputIds.push(...b, special.sep);
  }
  const typeB = family === "roberta" ? 0 : 1;
  const tokenTypeIds = inputIds.map((_, i) => i < firstLength ? 0 : typeB);
  return { inputIds, tokenTypeIds };
}
