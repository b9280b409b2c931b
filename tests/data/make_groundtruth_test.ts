import { deepEqual, equal, rejects } from "node:assert/strict";
import { join } from "node:path";
import {
  buildCriteriaPairs,
  buildEvidenceSentences,
  criterionIdsForPolicy,
  DataError,
  GROUNDTRUTH_FILES,
  loadSplits,
  makeGroundTruth,
  type MakeGroundTruthOptions,
  parseCriteriaGroundTruthCsv,
  parseEvidenceGroundTruthCsv,
  readGroundTruthFiles,
} from "../../lib/data/mod.ts";
import { FIXTURE_ANNOTATIONS, FIXTURE_CRITERIA, FIXTURE_POSTS, fixtureTexts } from "./_fixture.ts";

function options(dir: string, over: Partial<MakeGroundTruthOptions> = {}): MakeGroundTruthOptions {
  return {
    postsCsv: FIXTURE_POSTS,
    annotationsCsv: FIXTURE_ANNOTATIONS,
    criteriaJson: FIXTURE_CRITERIA,
    outputDir: join(dir, "out"),
    specialCase: "drop",
    ratios: { train: 0.7, val: 0.15, test: 0.15 },
    seed: 42,
    source: "fixture",
    ...over,
  };
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).toSorted();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

Deno.test("makeGroundTruth() writes the four files for the fixture, with exact counts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const result = await makeGroundTruth(options(dir));
    const out = join(dir, "out");
    deepEqual(await listDir(out), Object.values(GROUNDTRUTH_FILES).toSorted());
    equal(await listDir(dir).then((l) => l.length), 1); // no staging folder left behind
    const criteria = parseCriteriaGroundTruthCsv(
      await Deno.readTextFile(join(out, GROUNDTRUTH_FILES.criteria)),
      "c",
    );
    const evidence = parseEvidenceGroundTruthCsv(
      await Deno.readTextFile(join(out, GROUNDTRUTH_FILES.evidence)),
      "e",
    );
    equal(criteria.length, 540);
    equal(evidence.length, 142);
    const splits = await loadSplits(join(out, GROUNDTRUTH_FILES.splits), {
      knownPostIds: result.corpus.posts.map((p) => p.postId),
    });
    deepEqual(splits.metadata.counts, { train: 42, val: 9, test: 9, total: 60 });
    equal(splits.metadata.source, "fixture");
    const back = await readGroundTruthFiles(out);
    deepEqual(back.criteria, result.groundTruth.criteria);
    deepEqual(back.evidence, result.groundTruth.evidence);
    deepEqual(back.splits, result.splits);
    const repairs = JSON.parse(await Deno.readTextFile(join(out, GROUNDTRUTH_FILES.repairs)));
    deepEqual(repairs.counts, result.corpus.repairs.counts);
    equal(repairs.repairs.length, 7);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("makeGroundTruth() on corrupted copies throws a DataError with file and line and writes nothing", async () => {
  const { posts, annotations } = fixtureTexts();
  const annLines = annotations.split("\n");
  const badStatusLine = annLines.findIndex((l) => l.includes(",DEPRESSED_MOOD,1,")) + 1;
  // Post ids start their record at the beginning of a line ("syn_NN,"), and no text line does.
  const lastPostLine = posts.slice(0, posts.lastIndexOf("\nsyn_") + 1).split("\n").length;
  const cases: {
    name: string;
    posts?: string;
    annotations?: string;
    file: string;
    line: number;
  }[] = [
    {
      name: "missing column",
      annotations: annotations.replace(",DSM5_symptom,", ",symptom,"),
      file: "redsm5_annotations.csv",
      line: 1,
    },
    {
      name: "bad status",
      annotations: annLines.map((l, i) =>
        i === badStatusLine - 1 ? l.replace(",DEPRESSED_MOOD,1,", ",DEPRESSED_MOOD,yes,") : l
      ).join("\n"),
      file: "redsm5_annotations.csv",
      line: badStatusLine,
    },
    {
      name: "unbalanced quote",
      posts: posts.trimEnd().replace(/"$/, "") + "\n",
      file: "redsm5_posts.csv",
      line: lastPostLine,
    },
  ];
  equal(posts.trimEnd().endsWith('"'), true); // the last post is quoted, so the cut unbalances it
  for (const c of cases) {
    const dir = await Deno.makeTempDir();
    try {
      const postsCsv = join(dir, "redsm5_posts.csv");
      const annotationsCsv = join(dir, "redsm5_annotations.csv");
      await Deno.writeTextFile(postsCsv, c.posts ?? posts);
      await Deno.writeTextFile(annotationsCsv, c.annotations ?? annotations);
      await Deno.mkdir(join(dir, "out"));
      await Deno.writeTextFile(join(dir, "out", "keep.txt"), "earlier output");
      await rejects(makeGroundTruth(options(dir, { postsCsv, annotationsCsv })), (e) => {
        equal(e instanceof DataError, true, c.name);
        const err = e as DataError;
        equal(err.file, join(dir, c.file), c.name);
        equal(err.line, c.line, c.name);
        equal(err.message.startsWith(`${join(dir, c.file)}:${c.line}`), true, c.name);
        return true;
      });
      deepEqual(await listDir(join(dir, "out")), ["keep.txt"], c.name);
      deepEqual(await listDir(dir), ["out", "redsm5_annotations.csv", "redsm5_posts.csv"], c.name);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("makeGroundTruth() rejects bad ratios before reading or writing anything", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await rejects(
      makeGroundTruth(options(dir, { ratios: { train: 0.7, val: 0.2, test: 0.2 } })),
      (e) => e instanceof DataError && e.key === "data.split",
    );
    deepEqual(await listDir(dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("special_case=A.10 end to end: files, criteria pairs and evidence labels all have 10 criteria", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const result = await makeGroundTruth(options(dir, { specialCase: "A.10" }));
    deepEqual(result.criteria.map((c) => c.id), criterionIdsForPolicy("A.10"));
    const back = await readGroundTruthFiles(join(dir, "out"), {
      knownPostIds: result.corpus.posts.map((p) => p.postId),
    });
    equal(back.criteria.length, 60 * 10);
    const specialPositives = back.criteria.filter((r) => r.criterionId === "A.10" && r.label === 1);
    equal(specialPositives.length > 0, true);
    const postIds = result.corpus.posts.map((p) => p.postId);
    const pairs = buildCriteriaPairs({
      posts: result.corpus.posts,
      criteria: result.criteria,
      groundTruth: back.criteria,
      pairs: "all",
      postIds,
    });
    equal(pairs.length, 600);
    equal(
      pairs.filter((p) => p.criterionId === "A.10" && p.label === 1).length,
      specialPositives.length,
    );
    const sentences = buildEvidenceSentences({
      posts: result.corpus.posts,
      criterionIds: criterionIdsForPolicy("A.10"),
      evidence: back.evidence,
      postIds,
    });
    equal(sentences.every((s) => s.labels.length === 10), true);
    const specialEvidence = back.evidence.filter((r) => r.criterionId === "A.10").length;
    equal(specialEvidence > 0, true);
    equal(sentences.filter((s) => s.labels[9] === 1).length, specialEvidence);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
