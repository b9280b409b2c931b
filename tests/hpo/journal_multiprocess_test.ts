import { deepEqual, equal, ok } from "node:assert/strict";
import { createStudy, JournalFileStorage } from "../../lib/hpo/mod.ts";
import { parseJsonLine } from "../../lib/hpo/_journal_json.ts";

const WORKER = new URL("./journal_worker.ts", import.meta.url).pathname;
const WORKERS = 4;
const TRIALS_EACH = 6;
const ENQUEUED = [0.11, 0.22, 0.33, 0.44];

Deno.test("four worker processes share one journal: unique numbers, every trial recorded", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hpo_mp_" });
  try {
    const path = `${dir}/mp.log`;
    const parent = createStudy({ storage: new JournalFileStorage(path), studyName: "mp" });
    for (const x of ENQUEUED) parent.enqueueTrial({ x });
    const children = Array.from({ length: WORKERS }, (_, i) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          "--allow-write",
          WORKER,
          path,
          String(i),
          String(TRIALS_EACH),
        ],
        stdout: "piped",
        stderr: "piped",
      }).spawn());
    const results = await Promise.all(children.map((c) => c.output()));
    for (const r of results) equal(r.code, 0, new TextDecoder().decode(r.stderr));

    const trials = new JournalFileStorage(path).getAllTrials(parent.studyId);
    const total = WORKERS * TRIALS_EACH;
    deepEqual(trials.map((t) => t.number), Array.from({ length: total }, (_, i) => i));
    equal(new Set(trials.map((t) => t.trialId)).size, total);
    ok(trials.every((t) => t.state === "COMPLETE" || t.state === "PRUNED"));
    deepEqual(
      trials.filter((t) => t.state === "PRUNED").map((t) => t.number),
      [4, 9, 14, 19],
    );
    // every worker ran exactly its trials, each enqueued trial ran exactly once
    const perWorker = Array(WORKERS).fill(0);
    for (const t of trials) perWorker[t.userAttrs.worker as number]++;
    deepEqual(perWorker, Array(WORKERS).fill(TRIALS_EACH));
    for (const [i, x] of ENQUEUED.entries()) {
      equal(trials[i].params.x, x);
      equal(trials.filter((t) => t.params.x === x).length, 1);
    }
    ok(trials.every((t) => t.intermediateValues.size === 3));
    const text = await Deno.readTextFile(path);
    ok(text.endsWith("\n"));
    for (const line of text.slice(0, -1).split("\n")) parseJsonLine(line); // no torn lines
    await Deno.stat(`${path}.lock`).then(
      () => ok(false, "a lock was left behind"),
      (e) => ok(e instanceof Deno.errors.NotFound),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
