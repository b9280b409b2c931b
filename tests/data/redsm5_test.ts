import { deepEqual, equal, throws } from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { DataError, parseRedsm5 } from "../../lib/data/mod.ts";
import { fixtureCorpus, fixtureTexts } from "./_fixture.ts";

const FILES = { postsFile: "posts.csv", annotationsFile: "ann.csv" };
const HEADER = "post_id,sentence_id,sentence_text,DSM5_symptom,status,explanation\n";

function dataError(file: string, line: number, column?: string): (e: unknown) => boolean {
  return (e) =>
    e instanceof DataError && e.file === file && e.line === line && e.column === column &&
    e.message.startsWith(`${file}:${line}`);
}

Deno.test("parseRedsm5() on the fixture: 60 posts, 186 rows → 183 annotations, each repair counted", () => {
  const corpus = fixtureCorpus();
  equal(corpus.posts.length, 60);
  equal(corpus.annotations.length, 183);
  deepEqual(corpus.repairs.counts, {
    symptom_typo: 1,
    duplicate_dropped: 2,
    status_conflict: 1,
    sentence_relocated: 1,
    sentence_unlocatable: 1,
    post_unannotated: 1,
  });
});

Deno.test("parseRedsm5() on the fixture agrees with a direct csv-parse count of the raw rows", () => {
  const { posts, annotations } = fixtureTexts();
  const rawPosts = parse(posts, { columns: true }) as Record<string, string>[];
  const rawRows = parse(annotations, { columns: true }) as Record<string, string>[];
  equal(rawRows.length, 186);
  const keys = new Set(rawRows.map((r) => `${r.post_id}|${r.sentence_id}|${r.DSM5_symptom}`));
  const corpus = fixtureCorpus();
  equal(corpus.posts.length, rawPosts.length);
  equal(corpus.annotations.length, keys.size);
  const annotated = new Set(rawRows.map((r) => r.post_id));
  equal(corpus.repairs.counts.post_unannotated, rawPosts.length - annotated.size);
});

Deno.test("parseRedsm5() repairs the fixture's typo, conflict and not-verbatim sentence in place", () => {
  const { annotations } = fixtureTexts();
  const corpus = fixtureCorpus();
  const lines = annotations.split("\n");
  for (const r of corpus.repairs.repairs) {
    if (r.kind === "symptom_typo") {
      deepEqual([r.from, r.to], ["LEEP_ISSUES", "SLEEP_ISSUES"]);
      equal(lines[r.line - 1].includes(",LEEP_ISSUES,"), true);
      equal(corpus.annotations.find((a) => a.line === r.line)?.symptom, "SLEEP_ISSUES");
    }
    if (r.kind === "status_conflict") {
      const kept = corpus.annotations.find((a) =>
        a.postId === r.postId && a.sentenceId === r.sentenceId && a.symptom === r.symptom
      );
      equal(kept?.status, 1);
      equal(r.lines.length, 2);
    }
    if (r.kind === "sentence_relocated") {
      const a = corpus.annotations.find((x) => x.line === r.line)!;
      const post = corpus.posts.find((p) => p.postId === a.postId)!;
      equal(post.text.includes(a.sentenceText), false);
      const slice = post.text.slice(r.start, r.end);
      equal(
        slice.toLowerCase().replace(/\s+/g, " "),
        a.sentenceText.toLowerCase().replace(/\s+/g, " "),
      );
    }
    if (r.kind === "sentence_unlocatable") {
      equal(corpus.annotations.find((x) => x.line === r.line)?.span, null);
    }
  }
});

Deno.test("parseRedsm5() locates every locatable fixture sentence at a span that slices back", () => {
  const corpus = fixtureCorpus();
  const byId = new Map(corpus.posts.map((p) => [p.postId, p.text]));
  const located = corpus.annotations.filter((a) => a.span !== null);
  equal(located.length, 182);
  for (const a of located) {
    const slice = byId.get(a.postId)!.slice(a.span!.start, a.span!.end);
    equal(
      slice.toLowerCase().replace(/\s+/g, " "),
      a.sentenceText.toLowerCase().replace(/\s+/g, " "),
    );
  }
});

Deno.test("parseRedsm5() resolves conflicting statuses by 'any positive' whatever the order", () => {
  const posts = "post_id,text\np1,I never sleep.\n";
  for (const order of [["0", "1"], ["1", "0"]]) {
    const rows = order.map((s) => `p1,s1,I never sleep.,SLEEP_ISSUES,${s},x\n`).join("");
    const corpus = parseRedsm5(posts, HEADER + rows, FILES);
    equal(corpus.annotations.length, 1);
    equal(corpus.annotations[0].status, 1);
    deepEqual(corpus.repairs.repairs[0], {
      kind: "status_conflict",
      lines: [2, 3],
      postId: "p1",
      sentenceId: "s1",
      symptom: "SLEEP_ISSUES",
      resolved: 1,
    });
  }
});

Deno.test("parseRedsm5() names file, line and column for unrepairable annotation rows", () => {
  const posts = 'post_id,text\np1,"I never sleep.\nOk."\n';
  const good = "p1,s1,I never sleep.,SLEEP_ISSUES,1,x\n";
  const cases: [string, number, string | undefined][] = [
    ["p1,s2,Ok.,HAPPINESS,1,x\n", 3, "DSM5_symptom"],
    ["p1,s2,Ok.,FATIGUE,2,x\n", 3, "status"],
    ["p1,s2,Ok.,FATIGUE,,x\n", 3, "status"],
    ["p9,s2,Ok.,FATIGUE,1,x\n", 3, "post_id"],
    ["p1,,Ok.,FATIGUE,1,x\n", 3, "sentence_id"],
    ['p1,s2,"Ok.,FATIGUE,1,x\n', 3, undefined],
  ];
  for (const [row, line, column] of cases) {
    throws(
      () => parseRedsm5(posts, HEADER + good + row, FILES),
      dataError("ann.csv", line, column),
    );
  }
  throws(
    () => parseRedsm5(posts, HEADER.replace("status,", "stat,") + good, FILES),
    dataError("ann.csv", 1, "status"),
  );
});

Deno.test("parseRedsm5() rejects a posts file with a missing column or a repeated post id", () => {
  throws(
    () => parseRedsm5("post_id,body\np1,x\n", HEADER, FILES),
    dataError("posts.csv", 1, "text"),
  );
  throws(
    () => parseRedsm5('post_id,text\np1,"a\nb"\np1,c\n', HEADER, FILES),
    dataError("posts.csv", 4, "post_id"),
  );
});
