import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import {
  createStudy,
  type FrozenTrial,
  HpoError,
  JournalFileStorage,
  type StudyStorage,
  StudyStorageError,
  SuccessiveHalvingPruner,
  TrialPruned,
} from "../../lib/hpo/mod.ts";
import { categoricalDistribution, floatDistribution } from "../../lib/hpo/distributions.ts";
import { parseJsonLine, pythonFloatRepr, toJsonText } from "../../lib/hpo/_journal_json.ts";
import { RecordingSampler } from "./_fixtures.ts";

const SAMPLE = new URL("../testdata/hpo/journal_sample.log", import.meta.url);

async function withTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "hpo_journal_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Everything observable about a storage, for equality after a reload. */
function snapshot(storage: StudyStorage): unknown {
  return storage.getAllStudies().map((s) => ({
    ...s,
    trials: storage.getAllTrials(s.studyId).map((t: FrozenTrial) => ({
      ...t,
      intermediateValues: [...t.intermediateValues],
      datetimeStart: t.datetimeStart?.getTime() ?? null,
      datetimeComplete: t.datetimeComplete?.getTime() ?? null,
    })),
  }));
}

function fixedClock(): () => Date {
  let t = new Date(2026, 10, 27, 12, 0, 0, 0).getTime();
  return () => new Date(t += 1500);
}

Deno.test("JournalFileStorage loads the hand-written Optuna journal sample", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/sample.log`;
    await Deno.copyFile(SAMPLE, path);
    const storage = new JournalFileStorage(path);
    deepEqual(storage.getAllStudies().map((s) => [s.studyId, s.studyName]), [[0, "sample"]]);
    equal(storage.getStudyIdFromName("scratch"), null); // created, then deleted
    const study = storage.getStudy(0);
    equal(study.direction, "minimize");
    deepEqual(study.userAttrs, { dataset: "redsm5" });
    deepEqual(study.systemAttrs, { "study:metric_names": ["val_error"] });
    const trials = storage.getAllTrials(0);
    deepEqual(trials.map((t) => [t.number, t.trialId, t.state]), [
      [0, 0, "COMPLETE"],
      [1, 1, "PRUNED"],
      [2, 2, "FAIL"],
      [3, 3, "COMPLETE"],
      [4, 4, "WAITING"],
      [5, 5, "RUNNING"],
    ]);
    const [complete, pruned, failed, inserted, waiting, zombie] = trials;
    deepEqual(complete.params, { lr: 0.001, layers: 3, optimizer: "adamw" });
    equal(complete.value, 0.31);
    deepEqual([...complete.intermediateValues], [[0, 0.9], [1, 0.5], [2, 0.31]]);
    deepEqual(complete.userAttrs, { epochs: 3 });
    deepEqual(complete.systemAttrs, { constraints: [-1] }); // the later FAIL record was skipped
    equal(complete.datetimeStart?.getTime(), new Date(2026, 10, 27, 10, 0, 0, 0).getTime());
    equal(complete.datetimeComplete?.getTime(), new Date(2026, 10, 27, 10, 0, 5, 250).getTime());
    equal(pruned.value, 1.1);
    ok(Number.isNaN(pruned.intermediateValues.get(1)));
    deepEqual(pruned.systemAttrs, { completed_rung_0: 1.2 });
    equal(failed.value, null);
    deepEqual(inserted.params, { lr: 0.0003, optimizer: "sgd" });
    equal(inserted.value, 0.42);
    deepEqual(inserted.userAttrs, { source: "paper" });
    equal(waiting.datetimeStart, null);
    deepEqual(waiting.systemAttrs, { fixed_params: { lr: 0.002, optimizer: "adamw" } });
    deepEqual(zombie.params, { layers: 2 }); // the incompatible "lr" record was skipped
    equal(zombie.intermediateValues.get(0), Number.POSITIVE_INFINITY);
    equal(zombie.datetimeStart?.getTime(), Date.UTC(2026, 10, 27, 10, 2, 0));
  });
});

Deno.test("a study resumed from the sample pops its WAITING trial, then continues numbering", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/sample.log`;
    await Deno.copyFile(SAMPLE, path);
    const study = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "sample",
      loadIfExists: true,
      sampler: new RecordingSampler(1),
    });
    const popped = study.ask();
    equal(popped.number, 4);
    equal(popped.suggestFloat("lr", 1e-5, 0.1, { log: true }), 0.002);
    equal(popped.suggestCategorical("optimizer", ["sgd", "adamw"]), "adamw");
    study.tell(popped, 0.3);
    const fresh = study.ask();
    equal(fresh.number, 6);
    equal(fresh.trialId, 7); // id 6 belongs to the deleted study's trial
    study.tell(fresh, 0.2);
    equal(study.bestTrial.number, 6);
    const reloaded = new JournalFileStorage(path);
    deepEqual(snapshot(reloaded), snapshot(study.storage));
  });
});

Deno.test("JournalFileStorage round-trips a study through the file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/study.log`;
    const storage = new JournalFileStorage(path, { clock: fixedClock(), workerId: "w-test" });
    const study = createStudy({ storage, studyName: "rt", sampler: new RecordingSampler(2) });
    study.setUserAttr("note", { nested: [1, "two", null, true] });
    study.setSystemAttr("study:metric_names", ["loss"]);
    study.enqueueTrial({ x: 0.5, opt: "b" });
    await study.optimize((trial) => {
      const x = trial.suggestFloat("x", 0, 1);
      const opt = trial.suggestCategorical("opt", ["a", "b", 3, null, false]);
      trial.suggestInt("n", 1, 64, { log: true });
      trial.setUserAttr("label", `é ${trial.number}`);
      trial.report(Number.NaN, 0);
      trial.report(trial.number === 2 ? Number.NEGATIVE_INFINITY : x, 1);
      if (trial.number === 1) throw new TrialPruned();
      if (trial.number === 3) throw new Error("nope");
      return opt === "a" ? x : x + 1;
    }, { nTrials: 5 });
    study.enqueueTrial({ x: 0.1 });
    const reloaded = new JournalFileStorage(path);
    deepEqual(snapshot(reloaded), snapshot(storage));
    deepEqual(
      reloaded.getAllTrials(0).map((t) => t.state),
      ["COMPLETE", "PRUNED", "COMPLETE", "FAIL", "COMPLETE", "WAITING"],
    );
  });
});

Deno.test("journal lines follow Optuna's format: op codes, tokens, encodings, timestamps", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/study.log`;
    const storage = new JournalFileStorage(path, { clock: fixedClock(), workerId: "w-1" });
    const study = createStudy({ storage, studyName: "fmt", sampler: new RecordingSampler(2) });
    const trial = study.ask();
    trial.suggestFloat("lr", 1e-6, 5e-5, { log: true });
    trial.suggestInt("layers", 3, 3);
    trial.suggestCategorical("opt", ["sgd", "adamw"]);
    trial.report(Number.NaN, 0);
    trial.report(Number.POSITIVE_INFINITY, 1);
    trial.report(Number.NEGATIVE_INFINITY, 2);
    study.tell(trial, { state: "PRUNED" });
    study.tell(study.ask(), { state: "FAIL" });
    const text = await Deno.readTextFile(path);
    ok(text.endsWith("\n"));
    const lines = text.slice(0, -1).split("\n");
    const records = lines.map((l) => parseJsonLine(l) as Record<string, unknown>);
    for (const r of records) {
      ok(Number.isInteger(r.op_code) && (r.op_code as number) >= 0 && (r.op_code as number) <= 9);
      equal(r.worker_id, "w-1");
    }
    equal(lines[0], '{"op_code":0,"worker_id":"w-1","study_name":"fmt","directions":[1]}');
    ok(
      /^\{"op_code":4,"worker_id":"w-1","study_id":0,"datetime_start":"2026-11-27T12:00:0\d\.\d{6}"\}$/
        .test(lines[1]),
    );
    const params = records.filter((r) => r.op_code === 5);
    equal(
      params[0].distribution,
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-06, "high": 5e-05, "log": true}}',
    );
    ok(lines.some((l) => l.includes('"param_name":"layers","param_value_internal":3.0,')));
    equal(typeof params[2].param_value_internal, "number"); // categorical: the index
    ok(text.includes('"intermediate_value":NaN}'));
    ok(text.includes('"intermediate_value":Infinity}'));
    ok(text.includes('"intermediate_value":-Infinity}'));
    ok(!/intermediate_value":null/.test(text));
    const ends = records.filter((r) => r.op_code === 6);
    deepEqual(ends.map((r) => [r.state, r.values]), [[2, [Number.NEGATIVE_INFINITY]], [3, null]]);
    ok(ends.every((r) => typeof r.datetime_complete === "string" && !("datetime_start" in r)));
  });
});

Deno.test("pythonFloatRepr() writes floats as Python's repr does", () => {
  const cases: [number, string][] = [
    [3, "3.0"],
    [0.1, "0.1"],
    [1e-6, "1e-06"],
    [5e-5, "5e-05"],
    [0.0001, "0.0001"],
    [1.5e-5, "1.5e-05"],
    [123456.789, "123456.789"],
    [1e16, "1e+16"],
    [1234567890123456, "1234567890123456.0"],
    [-2.5e-7, "-2.5e-07"],
    [1e100, "1e+100"],
    [-0, "-0.0"],
    [Number.NaN, "NaN"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ];
  for (const [x, text] of cases) equal(pythonFloatRepr(x), text, String(x));
});

Deno.test("parseJsonLine() reads the bare non-finite tokens, and toJsonText() writes them", () => {
  const line = '{"a": [NaN, Infinity, -Infinity, -1.5e-3, "NaN in a string"], "b": {"c": null}}';
  const parsed = parseJsonLine(line) as { a: unknown[]; b: unknown };
  ok(Number.isNaN(parsed.a[0]));
  deepEqual(parsed.a.slice(1), [Infinity, -Infinity, -0.0015, "NaN in a string"]);
  deepEqual(parsed.b, { c: null });
  equal(
    toJsonText({ v: [Number.NaN, Infinity, -Infinity, 2, 0.5], s: "é\n" }),
    '{"v":[NaN,Infinity,-Infinity,2,0.5],"s":"\\u00e9\\n"}',
  );
  equal(toJsonText("\x7f"), '"\x7f"'); // DEL is ASCII: Python's ensure_ascii leaves it raw
  throws(() => parseJsonLine('{"a": NaNa}'), SyntaxError);
  throws(() => parseJsonLine('{"a": 1'), SyntaxError);
});

Deno.test("a torn last line is ignored on reload and cut off by the next append", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/crash.log`;
    const storage = new JournalFileStorage(path, { clock: fixedClock() });
    const study = createStudy({ storage, studyName: "c", sampler: new RecordingSampler(4) });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3 });
    const bytes = await Deno.readFile(path);
    // the crash: the last record (trial 2's COMPLETE) is half written
    const lastStart = bytes.subarray(0, bytes.length - 1).lastIndexOf(0x0a) + 1;
    await Deno.writeFile(path, bytes.subarray(0, lastStart + 20));
    const resumed = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "c",
      loadIfExists: true,
      sampler: new RecordingSampler(5),
    });
    deepEqual(resumed.trials().map((t) => t.state), ["COMPLETE", "COMPLETE", "RUNNING"]);
    await resumed.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2 });
    deepEqual(resumed.trials().map((t) => t.number), [0, 1, 2, 3, 4]);
    const text = await Deno.readTextFile(path);
    for (const line of text.slice(0, -1).split("\n")) parseJsonLine(line); // no torn line left
    deepEqual(snapshot(new JournalFileStorage(path)), snapshot(resumed.storage));
  });
});

Deno.test("a corrupt complete line is an error naming the file and line, not silently skipped", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/corrupt.log`;
    const study = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "c",
      sampler: new RecordingSampler(4),
    });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2 });
    const lines = (await Deno.readTextFile(path)).slice(0, -1).split("\n");
    equal(JSON.parse(lines[1]).op_code, 4); // line 2 creates trial 0
    const write = (edited: string[]) => Deno.writeTextFile(path, edited.join("\n") + "\n");
    // Skipping a lost CREATE_TRIAL would renumber every later trial: refuse to open instead.
    await write([lines[0], lines[1].slice(0, 20) + lines[2], ...lines.slice(3)]);
    throws(() => new JournalFileStorage(path), (e: unknown) => {
      ok(e instanceof StudyStorageError);
      match(e.message, /corrupt\.log": line 2 is not valid JSON/);
      return true;
    });
    await write([lines[0], '{"op_code":4,"worker_id":"w"}', ...lines.slice(2)]);
    throws(() => new JournalFileStorage(path), /corrupt\.log": line 2 is not a valid op_code 4/);
    // An op code this reader does not know (Optuna 5.0's DISCARD_TRIALS) is ignored, as Optuna does.
    await write([lines[0], '{"op_code":10,"worker_id":"w","trial_ids":[0]}', ...lines.slice(1)]);
    equal(new JournalFileStorage(path).getAllTrials(0).length, 2);
  });
});

Deno.test("an invalid operation of this worker throws and writes nothing", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/s.log`;
    const storage = new JournalFileStorage(path);
    const studyId = storage.createStudy("s", "minimize");
    const trial = storage.createTrial(studyId);
    storage.setTrialParam(trial.trialId, "x", 0.5, floatDistribution(0, 1));
    storage.setTrialState(trial.trialId, "COMPLETE", 1);
    const before = await Deno.readTextFile(path);
    throws(() => storage.createStudy("s", "maximize"), HpoError);
    throws(() => storage.setTrialIntermediateValue(trial.trialId, 0, 1), /already COMPLETE/);
    const next = storage.createTrial(studyId);
    throws(
      () => storage.setTrialParam(next.trialId, "x", "a", categoricalDistribution(["a"])),
      /incompatible/,
    );
    throws(() => storage.getTrial(99), /no such trial/);
    equal((await Deno.readTextFile(path)).length > before.length, true); // only createTrial
    equal((await Deno.readTextFile(path)).split("\n").length, before.split("\n").length + 1);
  });
});

Deno.test("two storages on one file share trials, and only one claims a WAITING trial", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/shared.log`;
    const a = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "s",
      sampler: new RecordingSampler(1),
    });
    const b = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "s",
      loadIfExists: true,
      sampler: new RecordingSampler(2),
    });
    a.enqueueTrial({ x: 0.5 });
    const ta = a.ask();
    const tb = b.ask();
    deepEqual([ta.number, tb.number], [0, 1]); // a claimed the WAITING trial 0; b got a new one
    equal(b.storage.setTrialState(ta.trialId, "RUNNING", null), false);
    a.tell(ta, 1);
    b.tell(tb, 2);
    deepEqual(a.trials().map((t) => t.value), [1, 2]);
    await Deno.stat(`${path}.lock`).then(
      () => ok(false, "the lock was left behind"),
      (e) => ok(e instanceof Deno.errors.NotFound),
    );
  });
});

Deno.test("a stale lock, symlink or open, is released after the grace period", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/locked.log`;
    await Deno.writeTextFile(path, "");
    await Deno.symlink(path, `${path}.lock`); // left behind by a dead writer
    const storage = new JournalFileStorage(path, { lockGracePeriodMs: 50 });
    equal(storage.createStudy("s", "minimize"), 0);
    await Deno.stat(`${path}.lock`).then(
      () => ok(false, "the lock was left behind"),
      (e) => ok(e instanceof Deno.errors.NotFound),
    );
    const open = new JournalFileStorage(path, { lock: "open", lockGracePeriodMs: 50 });
    await Deno.writeTextFile(`${path}.lock`, "");
    equal(open.createTrial(0).number, 0);
  });
});

const OPTUNA5 = new URL("../testdata/hpo/journal_optuna5.log", import.meta.url);

Deno.test("JournalFileStorage loads a journal written by Python Optuna 5.0.0 and resumes it", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/optuna5.log`;
    await Deno.copyFile(OPTUNA5, path);
    const storage = new JournalFileStorage(path);
    // study 0 ("scratch", with one enqueued trial) was deleted; ids are not reused
    deepEqual(storage.getAllStudies().map((s) => [s.studyId, s.studyName, s.direction]), [
      [1, "from-optuna", "maximize"],
    ]);
    deepEqual(storage.getStudy(1).userAttrs, { origin: "optuna 5.0.0" });
    deepEqual(storage.getStudy(1).systemAttrs, { "study:metric_names": ["val_f1"] });
    const trials = storage.getAllTrials(1);
    deepEqual(trials.map((t) => [t.number, t.trialId, t.state, t.value]), [
      [0, 1, "COMPLETE", 0.9],
      [1, 2, "PRUNED", 0.4559351013115684],
      [2, 3, "FAIL", null],
      [3, 4, "PRUNED", null], // its only report was NaN
      [4, 5, "PRUNED", 0.4626848356318486],
      [5, 6, "PRUNED", 0.42437149931411733],
      [6, 7, "COMPLETE", 0.7], // add_trial
      [7, 8, "RUNNING", null], // popped from the queue, never finished
    ]);
    deepEqual(trials[0].params, { lr: 0.001, opt: "adamw", layers: 2, dropout: 0.2 });
    equal(trials[2].params.opt, null); // a null choice
    deepEqual(trials[0].distributions.dropout, {
      kind: "float",
      low: 0,
      high: 0.5,
      log: false,
      step: 0.1,
    });
    deepEqual(trials[0].systemAttrs, { fixed_params: { lr: 0.001, opt: "adamw", layers: 2 } });
    equal(trials[0].userAttrs.tag, "é");
    ok(Number.isNaN(trials[3].intermediateValues.get(0)));
    deepEqual([...trials[6].intermediateValues], [[0, 0.5], [1, Infinity]]);
    deepEqual([...trials[7].intermediateValues], [[0, -Infinity]]);
    equal(trials[0].datetimeStart?.toISOString().slice(0, 16), "2026-11-28T00:52");
    const study = createStudy({
      storage,
      studyName: "from-optuna",
      loadIfExists: true,
      sampler: new RecordingSampler(1),
    });
    const next = study.ask();
    deepEqual([next.number, next.trialId], [8, 9]);
    next.suggestCategorical("opt", ["sgd", "adamw", null, 3]);
    study.tell(next, 0.95);
    equal(new JournalFileStorage(path).getAllTrials(1)[8].value, 0.95);
  });
});

Deno.test("successive halving keeps its rungs in the journal as completed_rung_<k> attributes", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/sha.log`;
    const study = createStudy({
      storage: new JournalFileStorage(path),
      studyName: "sha",
      sampler: new RecordingSampler(6),
      pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
    });
    await study.optimize((trial) => {
      const x = trial.suggestFloat("x", 0, 1);
      for (let step = 1; step <= 4; step++) {
        trial.report(x / step, step);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return x / 4;
    }, { nTrials: 6 });
    const text = await Deno.readTextFile(path);
    ok(/"op_code":9,[^\n]*"system_attr":\{"completed_rung_0":/.test(text));
    const reloaded = new JournalFileStorage(path).getAllTrials(0);
    deepEqual(reloaded[0].systemAttrs, study.trials()[0].systemAttrs);
    ok("completed_rung_2" in reloaded[0].systemAttrs); // trial 0 passed rungs 1, 2 and 4
  });
});

Deno.test("a write waits for a lock held by another process and replays its line first", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/held.log`;
    const storage = new JournalFileStorage(path, { workerId: "parent" });
    const studyId = storage.createStudy("s", "minimize");
    // another process takes the symlink lock, appends a record after a pause, releases
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `const path = ${JSON.stringify(path)};
        Deno.symlinkSync(path, path + ".lock");
        console.log("locked");
        await new Promise((r) => setTimeout(r, 300));
        const line = '{"op_code":2,"worker_id":"child","study_id":0,"user_attr":{"by":"child"}}\\n';
        Deno.writeTextFileSync(path, line, { append: true });
        Deno.renameSync(path + ".lock", path + ".lock" + crypto.randomUUID() + ".rename");
        for (const e of Deno.readDirSync(${JSON.stringify(dir)})) {
          if (e.name.endsWith(".rename")) Deno.removeSync(${JSON.stringify(dir)} + "/" + e.name);
        }`,
      ],
      stdout: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    const first = await reader.read();
    equal(new TextDecoder().decode(first.value).trim(), "locked");
    storage.setStudyUserAttr(studyId, "by", "parent"); // blocks until the child releases
    reader.releaseLock();
    equal((await child.output()).code, 0);
    const lines = (await Deno.readTextFile(path)).trim().split("\n");
    ok(lines[1].includes('"worker_id":"child"'));
    ok(lines[2].includes('"worker_id":"parent"'));
    deepEqual(new JournalFileStorage(path).getStudy(studyId).userAttrs, { by: "parent" });
  });
});

Deno.test("a dangling stale lock (its journal target gone) is released too", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/dangling.log`;
    await Deno.symlink(`${dir}/gone.log`, `${path}.lock`); // points nowhere
    const storage = new JournalFileStorage(path, { lockGracePeriodMs: 50 });
    equal(storage.createStudy("s", "minimize"), 0);
  });
});
