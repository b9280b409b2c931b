/**
 * A synthetic corpus in exactly the ReDSM5 format (`redsm5_posts.csv`, `redsm5_annotations.csv`)
 * plus the criteria file, generated from a seed: posts of varied length built from symptom
 * sentences (several paraphrase families per criterion), explicit negatives, neutral filler, and
 * the real set's dirt in small doses (a `LEEP_ISSUES` typo, duplicate rows, a conflicting status
 * pair, sentences not verbatim in their post, posts without annotations). Same options →
 * byte-identical texts.
 *
 * @module
 */
import { deriveSeed, Prng, sample } from "../random/mod.ts";
import { writeTextFileAtomic } from "./_atomic_write.ts";
import { generatePost, type SyntheticAnnotationRow } from "./_synthetic_post.ts";
import { formatCsv } from "./csv.ts";
import { shippedDsm5Criteria } from "./dsm5_criteria.ts";
import { DataError } from "./errors.ts";
import { REDSM5_ANNOTATION_COLUMNS, REDSM5_POST_COLUMNS } from "./redsm5.ts";

/** Options for {@link generateSyntheticCorpus}. */
export interface SyntheticCorpusOptions {
  /** Number of posts (`data.synthetic.n_posts`), an integer ≥ 1. */
  readonly nPosts: number;
  /** Root seed (`data.synthetic.seed`). */
  readonly seed: number;
}

/** What was generated, including the dirt injected on purpose. */
export interface SyntheticCorpusStats {
  /** Number of posts. */
  readonly posts: number;
  /** Number of annotation rows written (dirt included). */
  readonly annotationRows: number;
  /** Rows with status 1 before dirt. */
  readonly positiveRows: number;
  /** Rows with status 0 before dirt. */
  readonly negativeRows: number;
  /** Rows whose symptom was written as `LEEP_ISSUES`. */
  readonly symptomTypos: number;
  /** Rows repeated verbatim. */
  readonly duplicateRows: number;
  /** Status-1 rows repeated with status 0. */
  readonly conflictingPairs: number;
  /** Sentences written with different case and spacing than in their post. */
  readonly notVerbatim: number;
  /** Sentences written with typographic apostrophes, so no longer findable in their post. */
  readonly unlocatable: number;
  /** Posts with no annotation row. */
  readonly unannotatedPosts: number;
}

/** The three file texts and the generation stats. */
export interface SyntheticCorpus {
  /** `redsm5_posts.csv` text. */
  readonly postsCsv: string;
  /** `redsm5_annotations.csv` text. */
  readonly annotationsCsv: string;
  /** The criteria file text (the shipped DSM-5 MDD criteria). */
  readonly criteriaJson: string;
  /** What was generated. */
  readonly stats: SyntheticCorpusStats;
}

interface Dirt {
  readonly rows: SyntheticAnnotationRow[];
  readonly counts: Pick<
    SyntheticCorpusStats,
    "symptomTypos" | "duplicateRows" | "conflictingPairs" | "notVerbatim" | "unlocatable"
  >;
}

function addDirt(prng: Prng, clean: readonly SyntheticAnnotationRow[], nPosts: number): Dirt {
  const dose = (
    rate: number,
  ): number => (nPosts >= 10 ? Math.max(1, Math.round(nPosts * rate)) : 0);
  const used = new Set<number>();
  const choose = (k: number, ok: (r: SyntheticAnnotationRow) => boolean): number[] => {
    const pool = clean.flatMap((r, i) => (!used.has(i) && ok(r) ? [i] : []));
    const picked = sample(prng, pool, Math.min(k, pool.length));
    picked.forEach((i) => used.add(i));
    return picked;
  };
  const typo = choose(dose(0.001), (r) => r.symptom === "SLEEP_ISSUES");
  const notVerbatim = choose(dose(0.01), (r) => r.status === 1 && r.sentenceText.includes(" "));
  const unlocatable = choose(dose(0.005), (r) => r.sentenceText.includes("'"));
  const duplicate = choose(dose(0.03), () => true);
  const conflict = choose(dose(0.01), (r) => r.status === 1);
  const rows: SyntheticAnnotationRow[] = [];
  clean.forEach((row, i) => {
    let r = row;
    if (typo.includes(i)) r = { ...r, symptom: "LEEP_ISSUES" };
    if (notVerbatim.includes(i)) {
      const t = r.sentenceText;
      r = { ...r, sentenceText: (t[0].toLowerCase() + t.slice(1)).replace(" ", "  ") };
    }
    if (unlocatable.includes(i)) {
      r = { ...r, sentenceText: r.sentenceText.replaceAll("'", "\u2019") };
    }
    rows.push(r);
    if (duplicate.includes(i)) rows.push(r);
    if (conflict.includes(i)) rows.push({ ...r, status: 0 });
  });
  return {
    rows,
    counts: {
      symptomTypos: typo.length,
      duplicateRows: duplicate.length,
      conflictingPairs: conflict.length,
      notVerbatim: notVerbatim.length,
      unlocatable: unlocatable.length,
    },
  };
}

/**
 * Generates a ReDSM5-format corpus from a seed.
 *
 * @example
 * ```ts
 * import { generateSyntheticCorpus } from "./synthetic_corpus.ts";
 * import { equal } from "node:assert/strict";
 * const a = generateSyntheticCorpus({ nPosts: 12, seed: 7 });
 * equal(a.stats.posts, 12);
 * equal(a.postsCsv, generateSyntheticCorpus({ nPosts: 12, seed: 7 }).postsCsv);
 * ```
 */
export function generateSyntheticCorpus(options: SyntheticCorpusOptions): SyntheticCorpus {
  const { nPosts, seed } = options;
  if (!Number.isInteger(nPosts) || nPosts < 1) {
    throw new DataError(
      `Cannot generate a corpus: n_posts ${JSON.stringify(nPosts)} is not an integer ≥ 1`,
      {
        file: "<config>",
        key: "data.synthetic.n_posts",
      },
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new DataError(
      `Cannot generate a corpus: seed ${JSON.stringify(seed)} is not an integer`,
      {
        file: "<config>",
        key: "data.synthetic.seed",
      },
    );
  }
  const dirtPrng = new Prng(deriveSeed(seed, "synthetic-dirt", nPosts));
  const nUnannotated = nPosts >= 10 ? Math.max(1, Math.round(nPosts * 0.005)) : 0;
  const unannotated = new Set(sample(dirtPrng, [...Array(nPosts).keys()], nUnannotated));
  const width = String(nPosts - 1).length;
  const posts = Array.from({ length: nPosts }, (_, i) =>
    generatePost(
      new Prng(deriveSeed(seed, "synthetic-post", i)),
      `syn_${String(i).padStart(width, "0")}`,
      unannotated.has(i),
    ));
  const clean = posts.flatMap((p) => p.rows);
  const dirt = addDirt(dirtPrng, clean, nPosts);
  const postsCsv = formatCsv(REDSM5_POST_COLUMNS, posts.map((p) => [p.postId, p.text]));
  const annotationsCsv = formatCsv(
    REDSM5_ANNOTATION_COLUMNS,
    dirt.rows.map((
      r,
    ) => [r.postId, r.sentenceId, r.sentenceText, r.symptom, r.status, r.explanation]),
  );
  return {
    postsCsv,
    annotationsCsv,
    criteriaJson: JSON.stringify(shippedDsm5Criteria(), null, 2) + "\n",
    stats: {
      posts: nPosts,
      annotationRows: dirt.rows.length,
      positiveRows: clean.filter((r) => r.status === 1).length,
      negativeRows: clean.filter((r) => r.status === 0).length,
      ...dirt.counts,
      unannotatedPosts: nUnannotated,
    },
  };
}

/** Where {@link writeSyntheticCorpus} puts the three files, and what to generate. */
export interface WriteSyntheticCorpusOptions extends SyntheticCorpusOptions {
  /** Path for `redsm5_posts.csv` (`data.posts_csv`). */
  readonly postsCsv: string;
  /** Path for `redsm5_annotations.csv` (`data.annotations_csv`). */
  readonly annotationsCsv: string;
  /** Path for the criteria file (`data.criteria_json`); `null` writes none. */
  readonly criteriaJson: string | null;
}

/** Generates a corpus and writes its three files atomically; returns the generated corpus. */
export async function writeSyntheticCorpus(
  options: WriteSyntheticCorpusOptions,
): Promise<SyntheticCorpus> {
  const corpus = generateSyntheticCorpus(options);
  await writeTextFileAtomic(options.postsCsv, corpus.postsCsv);
  await writeTextFileAtomic(options.annotationsCsv, corpus.annotationsCsv);
  if (options.criteriaJson !== null) {
    await writeTextFileAtomic(options.criteriaJson, corpus.criteriaJson);
  }
  return corpus;
}
