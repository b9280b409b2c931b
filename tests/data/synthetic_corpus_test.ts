import { deepEqual, equal, notEqual, throws } from "node:assert/strict";
import { join } from "node:path";
import {
  DataError,
  DSM5_SYMPTOMS,
  generateSyntheticCorpus,
  parseRedsm5,
  shippedDsm5Criteria,
  splitSentences,
  writeSyntheticCorpus,
} from "../../lib/data/mod.ts";
import { fixtureTexts } from "./_fixture.ts";

const FILES = { postsFile: "p.csv", annotationsFile: "a.csv" };
const big = generateSyntheticCorpus({ nPosts: 400, seed: 42 });
const bigCorpus = parseRedsm5(big.postsCsv, big.annotationsCsv, FILES);

Deno.test("generateSyntheticCorpus() returns byte-identical files for the same seed", () => {
  const a = generateSyntheticCorpus({ nPosts: 80, seed: 9 });
  const b = generateSyntheticCorpus({ nPosts: 80, seed: 9 });
  deepEqual(a, b);
  notEqual(generateSyntheticCorpus({ nPosts: 80, seed: 10 }).postsCsv, a.postsCsv);
});

Deno.test("the committed fixture is exactly generateSyntheticCorpus({ nPosts: 60, seed: 42 })", () => {
  // If the generator changes on purpose, regenerate with:
  //   F=tests/testdata/redsm5_fixture; deno task synth data.synthetic.n_posts=60 seed=42 \
  //     data.posts_csv=$F/redsm5_posts.csv data.annotations_csv=$F/redsm5_annotations.csv \
  //     data.criteria_json=$F/dsm5_criteria.json
  const { posts, annotations } = fixtureTexts();
  const corpus = generateSyntheticCorpus({ nPosts: 60, seed: 42 });
  equal(corpus.postsCsv, posts);
  equal(corpus.annotationsCsv, annotations);
});

Deno.test("generateSyntheticCorpus() writes the shipped criteria and the ReDSM5 columns", () => {
  deepEqual(JSON.parse(big.criteriaJson), shippedDsm5Criteria());
  equal(big.postsCsv.split("\n")[0], "post_id,text");
  equal(
    big.annotationsCsv.split("\n")[0],
    "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation",
  );
});

Deno.test("generateSyntheticCorpus() injects each kind of dirt, and the loader repairs exactly that", () => {
  const { stats } = big;
  equal(stats.posts, 400);
  deepEqual(bigCorpus.repairs.counts, {
    symptom_typo: stats.symptomTypos,
    duplicate_dropped: stats.duplicateRows,
    status_conflict: stats.conflictingPairs,
    sentence_relocated: stats.notVerbatim,
    sentence_unlocatable: stats.unlocatable,
    post_unannotated: stats.unannotatedPosts,
  });
  for (const n of Object.values(bigCorpus.repairs.counts)) equal(n >= 1, true);
  equal(stats.duplicateRows, 12);
});

Deno.test("generateSyntheticCorpus() label frequencies follow the real set's ordering", () => {
  const counts = new Map<string, number>(DSM5_SYMPTOMS.map((s) => [s, 0]));
  for (const a of bigCorpus.annotations) {
    if (a.status === 1 && counts.has(a.symptom)) counts.set(a.symptom, counts.get(a.symptom)! + 1);
  }
  const ranked = [...counts].toSorted((x, y) => y[1] - x[1]).map(([s]) => s);
  deepEqual(ranked.slice(0, 2).toSorted(), ["DEPRESSED_MOOD", "WORTHLESSNESS"]);
  deepEqual(ranked.slice(-2).toSorted(), ["APPETITE_CHANGE", "PSYCHOMOTOR"]);
});

Deno.test("generateSyntheticCorpus() posts vary in length and negatives reuse the symptom's words", () => {
  const words = bigCorpus.posts.map((p) => p.text.split(/\s+/).length).toSorted((a, b) => a - b);
  equal(words[0] < 20 && words.at(-1)! > 120 && words[200] > 40, true);
  const negatives = bigCorpus.annotations.filter((a) => a.status === 0);
  equal(negatives.length > 40, true);
  const sleepNegatives = negatives.filter((a) => a.symptom === "SLEEP_ISSUES");
  equal(sleepNegatives.some((a) => /sleep/i.test(a.sentenceText)), true);
  const tired = bigCorpus.annotations.filter((a) =>
    a.status === 1 && /tired/i.test(a.sentenceText)
  );
  equal(new Set(tired.map((a) => a.symptom)).size >= 3, true);
});

Deno.test("generateSyntheticCorpus() annotated sentences are whole sentences of the splitter", () => {
  const texts = new Map(bigCorpus.posts.map((p) => [p.postId, p.text]));
  for (const a of bigCorpus.annotations) {
    if (a.span === null) continue;
    const spans = splitSentences(texts.get(a.postId)!);
    equal(
      spans.some((s) => s.start === a.span!.start && s.end === a.span!.end),
      true,
      a.sentenceId,
    );
  }
});

Deno.test("generateSyntheticCorpus() rejects a non-integer or non-positive n_posts by key", () => {
  throws(
    () => generateSyntheticCorpus({ nPosts: 0, seed: 1 }),
    (e) => e instanceof DataError && e.key === "data.synthetic.n_posts",
  );
  throws(() => generateSyntheticCorpus({ nPosts: 2.5, seed: 1 }), DataError);
});

Deno.test("writeSyntheticCorpus() writes the three files it generated", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const paths = {
      postsCsv: join(dir, "a", "posts.csv"),
      annotationsCsv: join(dir, "a", "ann.csv"),
      criteriaJson: join(dir, "b", "criteria.json"),
    };
    const corpus = await writeSyntheticCorpus({ nPosts: 15, seed: 3, ...paths });
    equal(await Deno.readTextFile(paths.postsCsv), corpus.postsCsv);
    equal(await Deno.readTextFile(paths.annotationsCsv), corpus.annotationsCsv);
    equal(await Deno.readTextFile(paths.criteriaJson), corpus.criteriaJson);
    deepEqual((await Array.fromAsync(Deno.readDir(join(dir, "a")))).length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
