/**
 * Ground truth from a loaded ReDSM5 corpus: criteria labels (post × criterion, from `status`
 * only) and evidence spans (from located status-1 sentences only). Neither table carries the
 * other's fields.
 *
 * @module
 */
import { formatCsv, readCsvTable } from "./csv.ts";
import { DataError } from "./errors.ts";
import type { Redsm5Annotation, Redsm5Corpus } from "./redsm5.ts";
import { segmentText } from "./sentences.ts";
import {
  criterionIdForSymptom,
  criterionIdsForPolicy,
  type SpecialCasePolicy,
} from "./symptoms.ts";

/** The columns of `criteria_groundtruth.csv`. */
export const CRITERIA_GROUNDTRUTH_COLUMNS: readonly string[] = [
  "post_id",
  "criterion_id",
  "status",
  "label",
];
/**
 * The columns of `evidence_groundtruth.csv`. `start_char`/`end_char` are JavaScript string
 * offsets — UTF-16 code units, end exclusive — so `post.slice(start_char, end_char)` is
 * `evidence_text`. They equal Python `str` (code point) offsets only while the post has no
 * character outside the Basic Multilingual Plane (emoji, for one); in Python, slice such a post as
 * `text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")`.
 */
export const EVIDENCE_GROUNDTRUTH_COLUMNS: readonly string[] = [
  "post_id",
  "criterion_id",
  "sentence_id",
  "sentence_index",
  "start_char",
  "end_char",
  "evidence_text",
];

/**
 * One (post, criterion) label. `status` is the annotators' verdict ("any positive" over the
 * post's sentences), `null` when no sentence of the post was annotated for the criterion;
 * `label` is 1 exactly when `status` is 1 (the data set is exhaustively annotated).
 */
export interface CriteriaGroundTruthRow {
  /** The post. */
  readonly postId: string;
  /** The criterion id (`A.1`…`A.9`, or `A.10`). */
  readonly criterionId: string;
  /** 1, 0, or `null` (written as an empty cell) when the pair was not annotated. */
  readonly status: 0 | 1 | null;
  /** The training label. */
  readonly label: 0 | 1;
}

/** One evidence sentence: a located status-1 annotation with its offsets in the post. */
export interface EvidenceGroundTruthRow {
  /** The post. */
  readonly postId: string;
  /** The criterion the sentence is evidence of. */
  readonly criterionId: string;
  /** The annotated sentence's id. */
  readonly sentenceId: string;
  /** Index of the sentence in the post's segmentation (see `segmentText`). */
  readonly sentenceIndex: number;
  /** Start offset in the post text, in UTF-16 code units (JavaScript string indices). */
  readonly start: number;
  /** End offset (exclusive, UTF-16 code units): `post.text.slice(start, end) === text`. */
  readonly end: number;
  /** The sentence as it appears in the post. */
  readonly text: string;
}

/** Both ground-truth tables. */
export interface GroundTruth {
  /** Every post × every criterion of the policy, posts in corpus order. */
  readonly criteria: readonly CriteriaGroundTruthRow[];
  /** Evidence sentences, by post, then sentence index, then criterion order. */
  readonly evidence: readonly EvidenceGroundTruthRow[];
}

/** Options for {@link buildGroundTruth}. */
export interface BuildGroundTruthOptions {
  /** What to do with `SPECIAL_CASE` annotations. */
  readonly specialCase: SpecialCasePolicy;
}

function evidenceForPost(
  text: string,
  annotations: readonly Redsm5Annotation[],
  policy: SpecialCasePolicy,
  order: readonly string[],
): EvidenceGroundTruthRow[] {
  const located = annotations.flatMap((a) => {
    const criterionId = criterionIdForSymptom(a.symptom, policy);
    return a.status === 1 && a.span !== null && criterionId !== undefined
      ? [{ a, criterionId, span: a.span }]
      : [];
  });
  const sentences = segmentText(text, located.map((l) => l.span));
  const seen = new Set<string>();
  const rows: EvidenceGroundTruthRow[] = [];
  for (const { a, criterionId, span } of located) {
    const index = sentences.findIndex((s) => s.start <= span.start && span.start < s.end);
    const key = `${criterionId}\u0000${span.start}\u0000${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      postId: a.postId,
      criterionId,
      sentenceId: a.sentenceId,
      sentenceIndex: index,
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
    });
  }
  return rows.toSorted((x, y) =>
    x.sentenceIndex - y.sentenceIndex || order.indexOf(x.criterionId) - order.indexOf(y.criterionId)
  );
}

/**
 * Builds both ground-truth tables from a corpus.
 *
 * @example
 * ```ts
 * import { buildGroundTruth, parseRedsm5 } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const corpus = parseRedsm5(
 *   "post_id,text\np1,Hi. I never sleep.\n",
 *   "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation\n" +
 *     "p1,s1,I never sleep.,SLEEP_ISSUES,1,\n",
 *   { postsFile: "p.csv", annotationsFile: "a.csv" },
 * );
 * const gt = buildGroundTruth(corpus, { specialCase: "drop" });
 * equal(gt.criteria.length, 9);
 * equal(gt.criteria[3].label, 1);
 * equal(gt.evidence[0].sentenceIndex, 1);
 * ```
 */
export function buildGroundTruth(
  corpus: Redsm5Corpus,
  options: BuildGroundTruthOptions,
): GroundTruth {
  const policy = options.specialCase;
  const order = criterionIdsForPolicy(policy);
  const byPost = Map.groupBy(corpus.annotations, (a) => a.postId);
  const criteria: CriteriaGroundTruthRow[] = [];
  const evidence: EvidenceGroundTruthRow[] = [];
  for (const post of corpus.posts) {
    const annotations = byPost.get(post.postId) ?? [];
    const status = new Map<string, 0 | 1>();
    for (const a of annotations) {
      const id = criterionIdForSymptom(a.symptom, policy);
      if (id !== undefined) status.set(id, Math.max(status.get(id) ?? 0, a.status) as 0 | 1);
    }
    for (const criterionId of order) {
      const s = status.get(criterionId) ?? null;
      criteria.push({ postId: post.postId, criterionId, status: s, label: s === 1 ? 1 : 0 });
    }
    evidence.push(...evidenceForPost(post.text, annotations, policy, order));
  }
  return { criteria, evidence };
}

/** `criteria_groundtruth.csv` text for the rows. */
export function formatCriteriaGroundTruthCsv(rows: readonly CriteriaGroundTruthRow[]): string {
  return formatCsv(
    CRITERIA_GROUNDTRUTH_COLUMNS,
    rows.map((r) => [r.postId, r.criterionId, r.status ?? "", r.label]),
  );
}

/** `evidence_groundtruth.csv` text for the rows. */
export function formatEvidenceGroundTruthCsv(rows: readonly EvidenceGroundTruthRow[]): string {
  return formatCsv(
    EVIDENCE_GROUNDTRUTH_COLUMNS,
    rows.map((
      r,
    ) => [r.postId, r.criterionId, r.sentenceId, r.sentenceIndex, r.start, r.end, r.text]),
  );
}

function intField(value: string, file: string, line: number, column: string): number {
  if (!/^\d+$/.test(value)) {
    throw new DataError(`Cannot read a number: "${value}" is not a non-negative integer`, {
      file,
      line,
      column,
    });
  }
  return Number(value);
}

/** Parses `criteria_groundtruth.csv` text back into rows. */
export function parseCriteriaGroundTruthCsv(text: string, file: string): CriteriaGroundTruthRow[] {
  const table = readCsvTable(text, { file, requiredColumns: CRITERIA_GROUNDTRUTH_COLUMNS });
  return table.records.map(({ line, values }) => {
    if (!/^[01]?$/.test(values.status)) {
      throw new DataError(`Cannot read a status: "${values.status}" is not 0, 1 or empty`, {
        file,
        line,
        column: "status",
      });
    }
    if (!/^[01]$/.test(values.label)) {
      throw new DataError(`Cannot read a label: "${values.label}" is not 0 or 1`, {
        file,
        line,
        column: "label",
      });
    }
    return {
      postId: values.post_id,
      criterionId: values.criterion_id,
      status: values.status === "" ? null : values.status === "1" ? 1 : 0,
      label: values.label === "1" ? 1 : 0,
    };
  });
}

/** Parses `evidence_groundtruth.csv` text back into rows. */
export function parseEvidenceGroundTruthCsv(text: string, file: string): EvidenceGroundTruthRow[] {
  const table = readCsvTable(text, { file, requiredColumns: EVIDENCE_GROUNDTRUTH_COLUMNS });
  return table.records.map(({ line, values }) => ({
    postId: values.post_id,
    criterionId: values.criterion_id,
    sentenceId: values.sentence_id,
    sentenceIndex: intField(values.sentence_index, file, line, "sentence_index"),
    start: intField(values.start_char, file, line, "start_char"),
    end: intField(values.end_char, file, line, "end_char"),
    text: values.evidence_text,
  }));
}
