/**
 * Task datasets built from ground truth: criteria pairs (post × criterion, binary) and evidence
 * sentences (every sentence of a post, multi-hot over criteria), each restricted to a split.
 * Inputs carry only text; labels live in separate fields, never in the text.
 *
 * @module
 */
import type { Dsm5Criterion } from "./dsm5_criteria.ts";
import { DataError } from "./errors.ts";
import type { CriteriaGroundTruthRow, EvidenceGroundTruthRow } from "./groundtruth.ts";
import { segmentText } from "./sentences.ts";

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

/** Which (post, criterion) pairs the criteria task uses (`task.pairs`). */
export type CriteriaPairsMode = "all" | "annotated";

/** A post as the task datasets need it. */
export interface TaskPost {
  /** The post id. */
  readonly postId: string;
  /** The post text. */
  readonly text: string;
}

/** Options for {@link buildCriteriaPairs}. */
export interface BuildCriteriaPairsOptions {
  /** The corpus posts (any order). */
  readonly posts: readonly TaskPost[];
  /** The criteria in task order (ids and texts). */
  readonly criteria: readonly Dsm5Criterion[];
  /** Criteria ground truth rows. */
  readonly groundTruth: readonly CriteriaGroundTruthRow[];
  /** `all`: every post × criterion (unannotated = 0); `annotated`: only annotated pairs. */
  readonly pairs: CriteriaPairsMode;
  /** The posts of one split; items come in this order, criteria in task order. */
  readonly postIds: readonly string[];
}

function postsById(posts: readonly TaskPost[], postIds: readonly string[]): TaskPost[] {
  const byId = new Map(posts.map((p) => [p.postId, p]));
  return postIds.map((id) => {
    const post = byId.get(id);
    if (!post) {
      throw new DataError(`Cannot build a task dataset: post "${id}" is not in the corpus`, {
        file: "<splits>",
        key: "postIds",
      });
    }
    return post;
  });
}

/**
 * The criteria task's examples for one split: (post text, criterion text) pairs labelled 1 when
 * any status-1 annotation of the criterion exists in the post.
 *
 * @example
 * ```ts
 * import { buildCriteriaPairs, shippedDsm5Criteria } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const criteria = shippedDsm5Criteria().criteria;
 * const items = buildCriteriaPairs({
 *   posts: [{ postId: "p1", text: "I never sleep." }],
 *   criteria,
 *   groundTruth: [{ postId: "p1", criterionId: "A.4", status: 1, label: 1 }],
 *   pairs: "all",
 *   postIds: ["p1"],
 * });
 * equal(items.length, 9);
 * equal(items[3].label, 1);
 * equal(items[3].textB, criteria[3].text);
 * ```
 */
export function buildCriteriaPairs(options: BuildCriteriaPairsOptions): CriteriaPairItem[] {
  const rows = new Map(options.groundTruth.map((r) => [`${r.postId}\u0000${r.criterionId}`, r]));
  const items: CriteriaPairItem[] = [];
  for (const post of postsById(options.posts, options.postIds)) {
    for (const criterion of options.criteria) {
      const row = rows.get(`${post.postId}\u0000${criterion.id}`);
      if (options.pairs === "annotated" && (row === undefined || row.status === null)) continue;
      items.push({
        postId: post.postId,
        criterionId: criterion.id,
        textA: post.text,
        textB: criterion.text,
        label: row?.label ?? 0,
      });
    }
  }
  return items;
}

/** Options for {@link buildEvidenceSentences}. */
export interface BuildEvidenceSentencesOptions {
  /** The corpus posts (any order). */
  readonly posts: readonly TaskPost[];
  /** Criterion ids in task order: the label vector's positions. */
  readonly criterionIds: readonly string[];
  /** Evidence ground truth rows. */
  readonly evidence: readonly EvidenceGroundTruthRow[];
  /** The posts of one split; items come in this order, sentences in text order. */
  readonly postIds: readonly string[];
}

/**
 * The evidence task's examples for one split: every sentence of every post (annotated evidence
 * spans kept whole, the rest split by `segmentText`), with a multi-hot label per criterion.
 *
 * @example
 * ```ts
 * import { buildEvidenceSentences } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const items = buildEvidenceSentences({
 *   posts: [{ postId: "p1", text: "Hi. I never sleep." }],
 *   criterionIds: ["A.1", "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9"],
 *   evidence: [{
 *     postId: "p1", criterionId: "A.4", sentenceId: "s1", sentenceIndex: 1,
 *     start: 4, end: 18, text: "I never sleep.",
 *   }],
 *   postIds: ["p1"],
 * });
 * deepEqual(items.map((i) => i.text), ["Hi.", "I never sleep."]);
 * deepEqual(items[1].labels, [0, 0, 0, 1, 0, 0, 0, 0, 0]);
 * ```
 */
export function buildEvidenceSentences(
  options: BuildEvidenceSentencesOptions,
): EvidenceSentenceItem[] {
  const byPost = Map.groupBy(options.evidence, (r) => r.postId);
  const items: EvidenceSentenceItem[] = [];
  for (const post of postsById(options.posts, options.postIds)) {
    const rows = byPost.get(post.postId) ?? [];
    const sentences = segmentText(post.text, rows);
    const labels = sentences.map(() => options.criterionIds.map(() => 0));
    for (const row of rows) {
      const index = sentences.findIndex((s) => s.start <= row.start && row.start < s.end);
      const column = options.criterionIds.indexOf(row.criterionId);
      if (index !== row.sentenceIndex || column < 0) {
        throw new DataError(
          `Cannot label evidence: row for "${row.postId}" ${row.criterionId} has sentence_index ` +
            `${row.sentenceIndex}, segmentation gives ${index}, criterion position ${column}`,
          { file: "<evidence>", key: row.sentenceId },
        );
      }
      labels[index][column] = 1;
    }
    sentences.forEach((s, i) => {
      items.push({
        postId: post.postId,
        sentenceIndex: i,
        start: s.start,
        end: s.end,
        text: s.text,
        textA: s.text,
        labels: labels[i],
      });
    });
  }
  return items;
}
