/**
 * From task items to the int64 tensors ONNX Runtime eats: pre-tokenise a data set once
 * ({@link encodeDataset}), plan each epoch's batches (seeded shuffling, optional length grouping),
 * and collate a batch — padding to the longest item or to `maxLength`, optionally rounded up to a
 * multiple (shape buckets: the engine builds one graph per shape), with the attention mask,
 * `token_type_ids` where the family uses them, and the labels.
 *
 * Tensors are row-major `[batch, seq]` `BigInt64Array`s with their `dims`; class labels are int64
 * `[batch]`, multi-hot labels float32 `[batch, numLabels]`.
 *
 * @module
 */
import { type BatchPlanOptions, planBatches } from "./_batch_plan.ts";
import type { TextPairInput } from "./task_datasets.ts";
import type { TextEncodeOptions, TextTokenizer } from "./tokenizer.ts";
import { DataError } from "./errors.ts";

/** Where in-memory input "comes from" in a `DataError`. */
const MEMORY = "<memory>";

export { type BatchPlanOptions, planBatches };

/**
 * The text (pair) and label of one item, structurally: criteria pairs (`CriteriaPairItem`) carry
 * `textA`, `textB` and a class `label`; evidence sentences (`EvidenceSentenceItem`) carry `textA`
 * and multi-hot `labels`. An item with neither label field encodes with label kind `none`.
 */
export interface DatasetTextItem extends TextPairInput {
  /** A class id (single-label classification). */
  readonly label?: number;
  /** Multi-hot targets (multi-label classification). */
  readonly labels?: readonly number[];
}

/** An item's label after encoding. */
export type EncodedLabel =
  | { readonly kind: "class"; readonly classId: number }
  | { readonly kind: "multi_hot"; readonly values: readonly number[] }
  | { readonly kind: "none" };

/** One pre-tokenised item: templated, truncated ids plus its label. */
export interface EncodedItem {
  /** Token ids with special tokens, at most the data set's `maxLength`. */
  readonly inputIds: readonly number[];
  /** Segment ids, same length. */
  readonly tokenTypeIds: readonly number[];
  /** The label. */
  readonly label: EncodedLabel;
}

/** A pre-tokenised data set plus what collating needs from the tokenizer. */
export interface EncodedDataset {
  /** The items, in input order. */
  readonly items: readonly EncodedItem[];
  /** Padding id of the tokenizer. */
  readonly padId: number;
  /** Whether batches carry `token_type_ids`. */
  readonly usesTokenTypeIds: boolean;
  /** The length items were truncated to (special tokens included). */
  readonly maxLength: number;
  /** The labels' kind, the same for every item. */
  readonly labelKind: EncodedLabel["kind"];
  /** Width of multi-hot labels (0 for other kinds). */
  readonly numLabels: number;
}

/** Options of {@link encodeDataset}: truncation settings of the tokenizer's `encode`. */
export type EncodeDatasetOptions = TextEncodeOptions;

function labelOf(item: DatasetTextItem, index: number): EncodedLabel {
  const fail = (what: string): never => {
    throw new DataError(`Cannot encode item ${index}: ${what}`, { file: MEMORY });
  };
  if (item.labels !== undefined) {
    if (!Array.isArray(item.labels) || item.labels.some((v) => !Number.isFinite(v))) {
      fail(`labels ${JSON.stringify(item.labels)} are not a list of finite numbers`);
    }
    return { kind: "multi_hot", values: item.labels };
  }
  if (item.label !== undefined) {
    if (!Number.isInteger(item.label) || item.label < 0) {
      fail(`label ${JSON.stringify(item.label)} is not a class id (integer ≥ 0)`);
    }
    return { kind: "class", classId: item.label };
  }
  return { kind: "none" };
}

/**
 * Tokenises every item once (each distinct text only once: criterion texts and posts repeat
 * across pairs), truncates and templates it, and keeps its label. Batches are then built from the
 * result every epoch without re-tokenising. All items must have the same label kind.
 */
export function encodeDataset(
  items: readonly DatasetTextItem[],
  tokenizer: TextTokenizer,
  options: EncodeDatasetOptions = {},
): EncodedDataset {
  const cache = new Map<string, number[]>();
  const ids = (text: string): number[] => {
    let hit = cache.get(text);
    if (hit === undefined) cache.set(text, hit = tokenizer.tokenize(text));
    return hit;
  };
  const maxLength = options.maxLength ?? tokenizer.modelMaxLength;
  const encoded = items.map((item, index): EncodedItem => {
    const b = item.textB ?? null;
    const input = tokenizer.encodeIds(ids(item.textA), b === null ? null : ids(b), {
      ...options,
      maxLength,
    });
    return { ...input, label: labelOf(item, index) };
  });
  const labelKind = encoded[0]?.label.kind ?? "none";
  const first = encoded[0]?.label;
  const numLabels = first?.kind === "multi_hot" ? first.values.length : 0;
  encoded.forEach((e, i) => {
    const width = e.label.kind === "multi_hot" ? e.label.values.length : 0;
    if (e.label.kind !== labelKind || width !== numLabels) {
      throw new DataError(
        `Cannot encode item ${i}: its label (${e.label.kind}, width ${width}) differs from item 0's (${labelKind}, width ${numLabels})`,
        { file: MEMORY },
      );
    }
  });
  return {
    items: encoded,
    padId: tokenizer.specialIds.pad,
    usesTokenTypeIds: tokenizer.usesTokenTypeIds,
    maxLength,
    labelKind,
    numLabels,
  };
}

/** Labels of a batch. */
export type BatchLabels =
  | { readonly kind: "class"; readonly data: BigInt64Array; readonly dims: readonly [number] }
  | {
    readonly kind: "multi_hot";
    readonly data: Float32Array;
    readonly dims: readonly [number, number];
  }
  | { readonly kind: "none" };

/** One padded batch, ready to feed as ONNX int64 tensors. */
export interface TokenBatch {
  /** Indices of the items in the encoded data set. */
  readonly indices: readonly number[];
  /** `[batch, seq]`. */
  readonly dims: readonly [number, number];
  /** `[batch, seq]` token ids, padded with the pad id. */
  readonly inputIds: BigInt64Array;
  /** `[batch, seq]` 1 for tokens, 0 for padding. */
  readonly attentionMask: BigInt64Array;
  /** `[batch, seq]` segment ids (0 on padding), or `null` for families without them. */
  readonly tokenTypeIds: BigInt64Array | null;
  /** The items' labels. */
  readonly labels: BatchLabels;
}

/** Options of {@link collateBatch}. */
export interface CollateOptions {
  /** Pad to the longest item of the batch (default) or to the data set's `maxLength`. */
  readonly padding?: "longest" | "max_length";
  /** Round the padded length up to a multiple of this (e.g. 16 or 32), for shape buckets. */
  readonly padToMultipleOf?: number;
}

/**
 * Pads the items at `indices` into one {@link TokenBatch}.
 *
 * @example
 * ```ts
 * import { buildWordPieceTokenizer, collateBatch, createTokenizer, encodeDataset } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const corpus = ["i feel sad today", "i sleep badly"];
 * const files = buildWordPieceTokenizer(corpus, { vocabSize: 80, minFrequency: 1 });
 * const tok = createTokenizer(files.tokenizerJson, files.tokenizerConfigJson, { family: "bert" });
 * const data = encodeDataset(
 *   [{ textA: "i feel sad", textB: "sleep", label: 1 }, { textA: "i", textB: "today", label: 0 }],
 *   tok,
 *   { maxLength: 32 },
 * );
 * const batch = collateBatch(data, [0, 1], { padToMultipleOf: 8 });
 * deepEqual(batch.dims, [2, 8]);
 * deepEqual(batch.labels.kind === "class" && [...batch.labels.data], [1n, 0n]);
 * ```
 */
export function collateBatch(
  dataset: EncodedDataset,
  indices: readonly number[],
  options: CollateOptions = {},
): TokenBatch {
  const multiple = options.padToMultipleOf ?? 1;
  if (!Number.isInteger(multiple) || multiple < 1) {
    throw new DataError(`Cannot collate: padToMultipleOf ${multiple} is not a positive integer`, {
      file: MEMORY,
    });
  }
  const items = indices.map((i) => {
    const item = dataset.items[i];
    if (item === undefined) {
      throw new DataError(`Cannot collate: index ${i} is outside the data set`, { file: MEMORY });
    }
    return item;
  });
  const longest = items.reduce((m, it) => Math.max(m, it.inputIds.length), 0);
  const target = options.padding === "max_length" ? dataset.maxLength : longest;
  const seq = Math.ceil(target / multiple) * multiple;
  const batch = items.length;
  const inputIds = new BigInt64Array(batch * seq).fill(BigInt(dataset.padId));
  const attentionMask = new BigInt64Array(batch * seq);
  const tokenTypeIds = dataset.usesTokenTypeIds ? new BigInt64Array(batch * seq) : null;
  items.forEach((item, row) => {
    const base = row * seq; // row-major [batch, seq]
    for (let j = 0; j < item.inputIds.length; j++) {
      inputIds[base + j] = BigInt(item.inputIds[j]);
      attentionMask[base + j] = 1n;
      if (tokenTypeIds) tokenTypeIds[base + j] = BigInt(item.tokenTypeIds[j]);
    }
  });
  return {
    indices,
    dims: [batch, seq],
    inputIds,
    attentionMask,
    tokenTypeIds,
    labels: labelsOf(dataset, items),
  };
}

function labelsOf(dataset: EncodedDataset, items: readonly EncodedItem[]): BatchLabels {
  if (dataset.labelKind === "class") {
    const data = BigInt64Array.from(
      items,
      (it) => BigInt(it.label.kind === "class" ? it.label.classId : 0),
    );
    return { kind: "class", data, dims: [items.length] };
  }
  if (dataset.labelKind === "multi_hot") {
    const width = dataset.numLabels;
    const data = new Float32Array(items.length * width); // [batch, numLabels]
    items.forEach((it, row) => {
      if (it.label.kind === "multi_hot") data.set(it.label.values, row * width);
    });
    return { kind: "multi_hot", data, dims: [items.length, width] };
  }
  return { kind: "none" };
}

/** Options of {@link epochBatches}: the plan and the padding. */
export type EpochBatchesOptions = BatchPlanOptions & CollateOptions;

/**
 * The padded batches of one epoch, lazily: {@link planBatches} on the items' lengths, then
 * {@link collateBatch} for each. Same seed and epoch → the same batches.
 */
export function* epochBatches(
  dataset: EncodedDataset,
  options: EpochBatchesOptions,
): Generator<TokenBatch, void, undefined> {
  const plan = planBatches(dataset.items.map((it) => it.inputIds.length), options);
  for (const indices of plan) yield collateBatch(dataset, indices, options);
}
