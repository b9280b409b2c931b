/**
 * Loaders for the ReDSM5 release: `redsm5_posts.csv` (`post_id,text`) and
 * `redsm5_annotations.csv` (`post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation`).
 * Unrepairable problems are {@link DataError}s naming file, line and column; the real data set's
 * known dirt is repaired, counted and reported (see {@link Redsm5RepairSummary}).
 *
 * @module
 */
import { type CsvRecord, readCsvTable } from "./csv.ts";
import { DataError } from "./errors.ts";
import { REDSM5_SYMPTOMS, type Redsm5Symptom } from "./symptoms.ts";
import { locateSentence, type TextSpan } from "./sentences.ts";
import {
  type Redsm5Repair,
  type Redsm5RepairSummary,
  summariseRepairs,
} from "./_redsm5_repairs.ts";

/** The columns `redsm5_posts.csv` must have. */
export const REDSM5_POST_COLUMNS: readonly string[] = ["post_id", "text"];
/** The columns `redsm5_annotations.csv` must have. */
export const REDSM5_ANNOTATION_COLUMNS: readonly string[] = [
  "post_id",
  "sentence_id",
  "sentence_text",
  "DSM5_symptom",
  "status",
  "explanation",
];

/** Known symptom-label typos in the real release and what they mean. */
const SYMPTOM_TYPOS: Readonly<Record<string, Redsm5Symptom>> = { LEEP_ISSUES: "SLEEP_ISSUES" };

/** A post: its id, its text and the line where its record starts. */
export interface Redsm5Post {
  /** The post id. */
  readonly postId: string;
  /** The post text (may span lines). */
  readonly text: string;
  /** 1-based line of the post's record in the posts file. */
  readonly line: number;
}

/** An annotation after repairs: one (post, sentence, symptom) with its status and location. */
export interface Redsm5Annotation {
  /** The post the sentence belongs to. */
  readonly postId: string;
  /** The annotated sentence's id. */
  readonly sentenceId: string;
  /** The sentence as written in the annotations file. */
  readonly sentenceText: string;
  /** The symptom (typos repaired). */
  readonly symptom: Redsm5Symptom;
  /** 1 = the sentence is evidence of the symptom; 0 = an explicit negative. */
  readonly status: 0 | 1;
  /** The annotator's explanation (never used as model input). */
  readonly explanation: string;
  /** 1-based line of the kept record in the annotations file. */
  readonly line: number;
  /** Where the sentence is in its post, or `null` when it could not be located. */
  readonly span: TextSpan | null;
}

/** A loaded ReDSM5 corpus: posts, repaired annotations and the repair summary. */
export interface Redsm5Corpus {
  /** Posts in file order. */
  readonly posts: readonly Redsm5Post[];
  /** Annotations in file order, one per (post, sentence, symptom). */
  readonly annotations: readonly Redsm5Annotation[];
  /** Every repair made while loading. */
  readonly repairs: Redsm5RepairSummary;
}

/** File names for {@link parseRedsm5}'s error messages and repair summary. */
export interface ParseRedsm5Options {
  /** Name of the posts file. */
  readonly postsFile: string;
  /** Name of the annotations file. */
  readonly annotationsFile: string;
}

function parsePosts(text: string, file: string): Redsm5Post[] {
  const table = readCsvTable(text, { file, requiredColumns: REDSM5_POST_COLUMNS });
  const seen = new Map<string, number>();
  return table.records.map(({ line, values }) => {
    const postId = values.post_id.trim();
    if (postId === "") {
      throw new DataError("Cannot read a post: post_id is empty", {
        file,
        line,
        column: "post_id",
      });
    }
    const first = seen.get(postId);
    if (first !== undefined) {
      throw new DataError(
        `Cannot read a post: post_id "${postId}" already appeared on line ${first}`,
        {
          file,
          line,
          column: "post_id",
        },
      );
    }
    seen.set(postId, line);
    return { postId, text: values.text, line };
  });
}

interface RawAnnotation {
  readonly record: CsvRecord;
  readonly postId: string;
  readonly sentenceId: string;
  readonly symptom: Redsm5Symptom;
  readonly status: 0 | 1;
}

function parseAnnotationRecord(
  record: CsvRecord,
  file: string,
  posts: ReadonlyMap<string, Redsm5Post>,
  repairs: Redsm5Repair[],
): RawAnnotation {
  const { line, values } = record;
  const postId = values.post_id.trim();
  if (!posts.has(postId)) {
    throw new DataError(`Cannot annotate a post: post_id "${postId}" has no post`, {
      file,
      line,
      column: "post_id",
    });
  }
  const sentenceId = values.sentence_id.trim();
  if (sentenceId === "") {
    throw new DataError("Cannot read an annotation: sentence_id is empty", {
      file,
      line,
      column: "sentence_id",
    });
  }
  const label = values.DSM5_symptom.trim();
  let symptom = REDSM5_SYMPTOMS.find((s) => s === label);
  if (symptom === undefined && label in SYMPTOM_TYPOS) {
    symptom = SYMPTOM_TYPOS[label];
    repairs.push({ kind: "symptom_typo", line, from: label, to: symptom });
  }
  if (symptom === undefined) {
    throw new DataError(`Cannot read a symptom: "${label}" is not a ReDSM5 symptom`, {
      file,
      line,
      column: "DSM5_symptom",
    });
  }
  const rawStatus = values.status.trim();
  if (!/^[01](\.0+)?$/.test(rawStatus)) {
    throw new DataError(`Cannot read a status: "${rawStatus}" is not 0 or 1`, {
      file,
      line,
      column: "status",
    });
  }
  const status = rawStatus.startsWith("1") ? 1 : 0;
  return { record, postId, sentenceId, symptom, status };
}

function mergeGroup(group: readonly RawAnnotation[], repairs: Redsm5Repair[]): RawAnnotation {
  const [first] = group;
  const conflict = group.some((a) => a.status !== first.status);
  if (conflict) {
    repairs.push({
      kind: "status_conflict",
      lines: group.map((a) => a.record.line),
      postId: first.postId,
      sentenceId: first.sentenceId,
      symptom: first.symptom,
      resolved: 1,
    });
    return group.find((a) => a.status === 1) ?? first;
  }
  for (const dup of group.slice(1)) {
    repairs.push({
      kind: "duplicate_dropped",
      line: dup.record.line,
      keptLine: first.record.line,
      postId: first.postId,
      sentenceId: first.sentenceId,
      symptom: first.symptom,
    });
  }
  return first;
}

function locate(
  raw: RawAnnotation,
  post: Redsm5Post,
  repairs: Redsm5Repair[],
): Redsm5Annotation {
  const { line, values } = raw.record;
  const found = locateSentence(post.text, values.sentence_text);
  const { postId, sentenceId } = raw;
  if (found === undefined) {
    repairs.push({ kind: "sentence_unlocatable", line, postId, sentenceId });
  } else if (!found.verbatim) {
    const { start, end } = found;
    repairs.push({ kind: "sentence_relocated", line, postId, sentenceId, start, end });
  }
  return {
    postId,
    sentenceId,
    sentenceText: values.sentence_text,
    symptom: raw.symptom,
    status: raw.status,
    explanation: values.explanation,
    line,
    span: found === undefined ? null : { start: found.start, end: found.end },
  };
}

/**
 * Parses the two ReDSM5 CSV texts, validates every record and repairs the known dirt.
 *
 * @example
 * ```ts
 * import { parseRedsm5 } from "./redsm5.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const posts = 'post_id,text\np1,"I never sleep.\nWork is ok."\np2,Hello.\n';
 * const annotations = "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation\n" +
 *   "p1,s1,I never sleep.,LEEP_ISSUES,1,insomnia\n";
 * const corpus = parseRedsm5(posts, annotations, { postsFile: "p.csv", annotationsFile: "a.csv" });
 * equal(corpus.annotations[0].symptom, "SLEEP_ISSUES");
 * deepEqual(corpus.annotations[0].span, { start: 0, end: 14 });
 * equal(corpus.repairs.counts.symptom_typo, 1);
 * equal(corpus.repairs.counts.post_unannotated, 1);
 * ```
 */
export function parseRedsm5(
  postsCsv: string,
  annotationsCsv: string,
  options: ParseRedsm5Options,
): Redsm5Corpus {
  const { postsFile, annotationsFile } = options;
  const posts = parsePosts(postsCsv, postsFile);
  const byId = new Map(posts.map((p) => [p.postId, p]));
  const table = readCsvTable(annotationsCsv, {
    file: annotationsFile,
    requiredColumns: REDSM5_ANNOTATION_COLUMNS,
  });
  const repairs: Redsm5Repair[] = [];
  const groups = new Map<string, RawAnnotation[]>();
  for (const record of table.records) {
    const raw = parseAnnotationRecord(record, annotationsFile, byId, repairs);
    const key = JSON.stringify([raw.postId, raw.sentenceId, raw.symptom]);
    const group = groups.get(key);
    if (group) group.push(raw);
    else groups.set(key, [raw]);
  }
  const annotations = [...groups.values()]
    .map((group) => mergeGroup(group, repairs))
    .map((raw) => locate(raw, byId.get(raw.postId)!, repairs));
  const annotated = new Set(annotations.map((a) => a.postId));
  for (const post of posts) {
    if (!annotated.has(post.postId)) {
      repairs.push({ kind: "post_unannotated", line: post.line, postId: post.postId });
    }
  }
  return { posts, annotations, repairs: summariseRepairs(postsFile, annotationsFile, repairs) };
}

/** Paths of the two ReDSM5 CSV files for {@link readRedsm5}. */
export interface ReadRedsm5Options {
  /** Path of `redsm5_posts.csv`. */
  readonly postsCsv: string;
  /** Path of `redsm5_annotations.csv`. */
  readonly annotationsCsv: string;
}

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (cause) {
    throw new DataError(`Cannot read a ReDSM5 file: ${(cause as Error).message}`, { file: path }, {
      cause,
    });
  }
}

/** Reads and parses the two ReDSM5 CSV files (see {@link parseRedsm5}). */
export async function readRedsm5(options: ReadRedsm5Options): Promise<Redsm5Corpus> {
  const [posts, annotations] = await Promise.all([
    readText(options.postsCsv),
    readText(options.annotationsCsv),
  ]);
  return parseRedsm5(posts, annotations, {
    postsFile: options.postsCsv,
    annotationsFile: options.annotationsCsv,
  });
}
