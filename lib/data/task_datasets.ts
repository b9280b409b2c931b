/**
 * Task datasets built from ground truth: criteria pairs (post × criterion, binary) and evidence
 * sentences (every sentence of a post, multi-hot over criteria), each restricted to a split.
 * Inputs carry only text; labels live in separate fields, never in the text.
 *
 * @module
 */

/** The text fields a tokenizer consumes: one text, or a sentence pair. */
export interface TextPairInput {
  /** The first (or only) text. */
  readonly textA: string;
  /** The second text of a pair, if any. */
  readonly textB?: string;
}

/** One criteria-task example: (post, criterion) as a sentence pair with a binary label. */
export interface CriteriaPairItem extends TextPairInput {
  /** The post this pair comes from. */
  readonly postId: string;
  /** The criterion id, e.g. `"A.4"`. */
  readonly criterionId: string;
  /** The post text. */
  readonly textA: string;
  /** The criterion text. */
  readonly textB: string;
  /** 1 when any status-1 annotation of this criterion exists in the post. */
  readonly label: 0 | 1;
}

/** One evidence-task example: a sentence of a post with multi-hot labels over criteria. */
export interface EvidenceSentenceItem extends TextPairInput {
  /** The post this sentence comes from. */
  readonly postId: string;
  /** 0-based index of the sentence within its post. */
  readonly sentenceIndex: number;
  /** Start offset of the sentence in the post text (UTF-16 code units, inclusive). */
  readonly start: number;
  /** End offset of the sentence in the post text (exclusive): `post.slice(start, end) === text`. */
  readonly end: number;
  /** The sentence text. */
  readonly text: string;
  /** The model input: the sentence text (same as `text`). */
  readonly textA: string;
  /** Multi-hot labels, one per criterion in task order (9, or 10 with `A.10`). */
  readonly labels: readonly number[];
}
