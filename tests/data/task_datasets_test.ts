import { deepEqual, equal, throws } from "node:assert/strict";
import {
  buildCriteriaPairs,
  buildEvidenceSentences,
  buildGroundTruth,
  criteriaForPolicy,
  criterionIdsForPolicy,
  DataError,
  makeSplits,
  shippedDsm5Criteria,
  splitSentences,
} from "../../lib/data/mod.ts";
import { fixtureCorpus } from "./_fixture.ts";

const corpus = fixtureCorpus();
const gt = buildGroundTruth(corpus, { specialCase: "drop" });
const criteria = criteriaForPolicy(shippedDsm5Criteria(), "drop", "shipped");
const splits = makeSplits(corpus.posts.map((p) => p.postId), {
  ratios: { train: 0.7, val: 0.15, test: 0.15 },
  seed: 42,
  source: "fixture",
});
const texts = new Map(corpus.posts.map((p) => [p.postId, p.text]));

Deno.test("buildCriteriaPairs(pairs=all) gives every split post × criterion with ground-truth labels", () => {
  const items = buildCriteriaPairs({
    posts: corpus.posts,
    criteria,
    groundTruth: gt.criteria,
    pairs: "all",
    postIds: splits.train,
  });
  equal(items.length, splits.train.length * 9);
  const labels = new Map(gt.criteria.map((r) => [`${r.postId}|${r.criterionId}`, r.label]));
  const textOf = new Map(criteria.map((c) => [c.id, c.text]));
  for (const item of items) {
    equal(splits.train.includes(item.postId), true);
    equal(item.label, labels.get(`${item.postId}|${item.criterionId}`));
    equal(item.textA, texts.get(item.postId));
    equal(item.textB, textOf.get(item.criterionId));
  }
});

Deno.test("buildCriteriaPairs(pairs=annotated) keeps only pairs with an annotation status", () => {
  const all = buildCriteriaPairs({
    posts: corpus.posts,
    criteria,
    groundTruth: gt.criteria,
    pairs: "all",
    postIds: splits.test,
  });
  const annotated = buildCriteriaPairs({
    posts: corpus.posts,
    criteria,
    groundTruth: gt.criteria,
    pairs: "annotated",
    postIds: splits.test,
  });
  const statused = gt.criteria.filter((r) => splits.test.includes(r.postId) && r.status !== null);
  equal(annotated.length, statused.length);
  equal(annotated.filter((i) => i.label === 1).length, all.filter((i) => i.label === 1).length);
  equal(annotated.length < all.length, true);
});

Deno.test("buildEvidenceSentences() covers each post with sentences that slice back and match the gold", () => {
  for (const postIds of [splits.train, splits.val, splits.test]) {
    const items = buildEvidenceSentences({
      posts: corpus.posts,
      criterionIds: criterionIdsForPolicy("drop"),
      evidence: gt.evidence,
      postIds,
    });
    deepEqual([...new Set(items.map((i) => i.postId))], postIds);
    for (const item of items) {
      const text = texts.get(item.postId)!;
      equal(text.slice(item.start, item.end), item.text);
      equal(item.textA, item.text);
      equal(item.labels.length, 9);
    }
    for (const postId of postIds) {
      const mine = items.filter((i) => i.postId === postId);
      const joined = mine.map((i) => i.text).join("").replace(/\s/g, "");
      equal(joined, texts.get(postId)!.replace(/\s/g, ""));
      deepEqual(mine.map((i) => i.sentenceIndex), mine.map((_, k) => k));
    }
    const gold = new Set(
      gt.evidence.filter((r) => postIds.includes(r.postId)).map((r) =>
        `${r.postId}|${r.sentenceIndex}|${r.criterionId}`
      ),
    );
    const predicted = new Set(
      items.flatMap((i) =>
        i.labels.flatMap((v, k) => (v === 1 ? [`${i.postId}|${i.sentenceIndex}|A.${k + 1}`] : []))
      ),
    );
    deepEqual(predicted, gold);
  }
});

Deno.test("buildEvidenceSentences() on the fixture agrees with the plain splitter on every post", () => {
  const items = buildEvidenceSentences({
    posts: corpus.posts,
    criterionIds: criterionIdsForPolicy("drop"),
    evidence: gt.evidence,
    postIds: corpus.posts.map((p) => p.postId),
  });
  for (const post of corpus.posts) {
    const plain = splitSentences(post.text).map((s) => [s.start, s.end]);
    deepEqual(items.filter((i) => i.postId === post.postId).map((i) => [i.start, i.end]), plain);
  }
});

Deno.test("task items carry no label text in their inputs", () => {
  const pairs = buildCriteriaPairs({
    posts: corpus.posts,
    criteria,
    groundTruth: gt.criteria,
    pairs: "all",
    postIds: splits.val,
  });
  const sentences = buildEvidenceSentences({
    posts: corpus.posts,
    criterionIds: criterionIdsForPolicy("drop"),
    evidence: gt.evidence,
    postIds: splits.val,
  });
  const explanations = new Set(
    corpus.annotations.map((a) => a.explanation).filter((e) => e !== ""),
  );
  const symptoms = /DEPRESSED_MOOD|SLEEP_ISSUES|WORTHLESSNESS|SPECIAL_CASE|\bstatus\b|\blabel\b/;
  for (const input of [...pairs.map((p) => p.textA), ...sentences.map((s) => s.textA)]) {
    equal(symptoms.test(input), false);
    for (const e of explanations) equal(input.includes(e), false);
  }
});

Deno.test("task datasets reject a split post that is not in the corpus", () => {
  throws(
    () =>
      buildCriteriaPairs({
        posts: corpus.posts,
        criteria,
        groundTruth: gt.criteria,
        pairs: "all",
        postIds: ["nope"],
      }),
    DataError,
  );
});
