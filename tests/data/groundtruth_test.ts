import { deepEqual, equal } from "node:assert/strict";
import {
  buildGroundTruth,
  CRITERIA_GROUNDTRUTH_COLUMNS,
  criterionIdForSymptom,
  EVIDENCE_GROUNDTRUTH_COLUMNS,
  formatCriteriaGroundTruthCsv,
  formatEvidenceGroundTruthCsv,
  parseCriteriaGroundTruthCsv,
  parseEvidenceGroundTruthCsv,
  parseRedsm5,
  readCsvTable,
} from "../../lib/data/mod.ts";
import { fixtureCorpus } from "./_fixture.ts";

Deno.test("buildGroundTruth() on the fixture: 540 criteria rows (110 positive), 142 evidence rows", () => {
  const gt = buildGroundTruth(fixtureCorpus(), { specialCase: "drop" });
  equal(gt.criteria.length, 60 * 9);
  equal(gt.criteria.filter((r) => r.label === 1).length, 110);
  equal(gt.criteria.filter((r) => r.status === 0).length, 32);
  equal(gt.evidence.length, 142);
});

Deno.test("buildGroundTruth() criteria labels equal 'any status-1 annotation of the criterion'", () => {
  const corpus = fixtureCorpus();
  const positive = new Set(
    corpus.annotations.filter((a) => a.status === 1).map((a) =>
      `${a.postId}|${criterionIdForSymptom(a.symptom, "drop")}`
    ),
  );
  for (const row of buildGroundTruth(corpus, { specialCase: "drop" }).criteria) {
    equal(row.label, positive.has(`${row.postId}|${row.criterionId}`) ? 1 : 0);
    equal(row.label === 1, row.status === 1);
  }
});

Deno.test("buildGroundTruth() evidence spans slice back to their sentence in the post", () => {
  const corpus = fixtureCorpus();
  const texts = new Map(corpus.posts.map((p) => [p.postId, p.text]));
  const gt = buildGroundTruth(corpus, { specialCase: "drop" });
  for (const row of gt.evidence) {
    equal(texts.get(row.postId)!.slice(row.start, row.end), row.text);
    const a = corpus.annotations.find((x) =>
      x.postId === row.postId && x.sentenceId === row.sentenceId
    )!;
    equal(
      row.text.toLowerCase().replace(/\s+/g, " "),
      a.sentenceText.toLowerCase().replace(/\s+/g, " "),
    );
    equal(a.status, 1);
  }
});

Deno.test("buildGroundTruth() under special_case=A.10 adds a tenth criterion with its evidence", () => {
  const corpus = fixtureCorpus();
  const gt = buildGroundTruth(corpus, { specialCase: "A.10" });
  equal(gt.criteria.length, 600);
  const special = corpus.annotations.filter((a) =>
    a.symptom === "SPECIAL_CASE" && a.status === 1 && a.span
  );
  equal(gt.evidence.filter((r) => r.criterionId === "A.10").length, special.length);
  equal(special.length > 0, true);
});

Deno.test("buildGroundTruth() leaves an unannotated pair's status empty and its label 0", () => {
  const corpus = parseRedsm5(
    "post_id,text\np1,Hi. I never sleep.\np2,Nothing here.\n",
    "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation\n" +
      "p1,s1,I never sleep.,SLEEP_ISSUES,1,\np1,s0,Hi.,FATIGUE,0,\n",
    { postsFile: "p.csv", annotationsFile: "a.csv" },
  );
  const gt = buildGroundTruth(corpus, { specialCase: "drop" });
  const p1 = gt.criteria.filter((r) => r.postId === "p1").map((r) => r.status);
  deepEqual(p1, [null, null, null, 1, null, 0, null, null, null]);
  deepEqual(gt.criteria.filter((r) => r.postId === "p2").map((r) => r.label), Array(9).fill(0));
  equal(gt.evidence.length, 1);
});

Deno.test("ground-truth CSVs keep criteria and evidence fields strictly apart", () => {
  const gt = buildGroundTruth(fixtureCorpus(), { specialCase: "drop" });
  const criteria = readCsvTable(formatCriteriaGroundTruthCsv(gt.criteria), { file: "c.csv" });
  const evidence = readCsvTable(formatEvidenceGroundTruthCsv(gt.evidence), { file: "e.csv" });
  deepEqual(criteria.header, ["post_id", "criterion_id", "status", "label"]);
  deepEqual(evidence.header, [
    "post_id",
    "criterion_id",
    "sentence_id",
    "sentence_index",
    "start_char",
    "end_char",
    "evidence_text",
  ]);
  const shared = CRITERIA_GROUNDTRUTH_COLUMNS.filter((c) =>
    EVIDENCE_GROUNDTRUTH_COLUMNS.includes(c)
  );
  deepEqual(shared, ["post_id", "criterion_id"]);
});

Deno.test("ground-truth CSVs read back to the rows they were written from", () => {
  const gt = buildGroundTruth(fixtureCorpus(), { specialCase: "drop" });
  deepEqual(
    parseCriteriaGroundTruthCsv(formatCriteriaGroundTruthCsv(gt.criteria), "c"),
    gt.criteria,
  );
  deepEqual(
    parseEvidenceGroundTruthCsv(formatEvidenceGroundTruthCsv(gt.evidence), "e"),
    gt.evidence,
  );
});

Deno.test("evidence offsets are UTF-16 code units: emoji count 2 and CRLF posts slice back through the CSV", () => {
  const corpus = parseRedsm5(
    'post_id,text\r\np1,"😀 Hi all.\r\nI can\'t sleep 😴 at all.\r\nBye."\r\n',
    "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation\r\n" +
      "p1,s1,I can't sleep 😴 at all.,SLEEP_ISSUES,1,x\r\n",
    { postsFile: "p.csv", annotationsFile: "a.csv" },
  );
  const text = corpus.posts[0].text;
  const rows = parseEvidenceGroundTruthCsv(
    formatEvidenceGroundTruthCsv(buildGroundTruth(corpus, { specialCase: "drop" }).evidence),
    "e.csv",
  );
  deepEqual(rows.map((r) => [r.sentenceIndex, r.start, r.end]), [[1, 12, 36]]);
  equal(text.slice(rows[0].start, rows[0].end), "I can't sleep 😴 at all.");
  equal(rows[0].text, "I can't sleep 😴 at all.");
  // A code-point (Python str) offset would be one less: the emoji before it is 2 code units.
  equal([...text].indexOf("I"), 11);
});
