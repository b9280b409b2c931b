// `deno task config` and the shared task CLI helpers. Subprocess tests are few (each costs
// about a second); the rest call the helpers in-process.
import assert from "node:assert/strict";
import { parse } from "yaml";
import { ConfigError } from "../../lib/config/mod.ts";
import {
  formatTaskError,
  helpText,
  parseTaskArgs,
  type TaskSpec,
  UsageError,
} from "../../tasks/_cli.ts";

const REPO = new URL("../../", import.meta.url).pathname;

async function runConfigTask(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", "tasks/config.ts", ...args],
    cwd: REPO,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  const decoder = new TextDecoder();
  return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
}

Deno.test("deno task config prints the composed config with the overrides of issue 2", async () => {
  const { code, out } = await runConfigTask([
    "task=evidence",
    "model=roberta_base",
    "training.learning_rate=3e-5",
    "hpo=stage1_coarse",
  ]);
  assert.equal(code, 0);
  const config = parse(out);
  assert.equal(config.task.name, "evidence");
  assert.equal(config.model.name, "roberta-base");
  assert.equal(config.training.learning_rate, 3e-5);
  assert.equal(config.hpo.name, "stage1_coarse");
  assert.equal(config.hpo.n_trials, 40);
});

Deno.test("deno task config exits 2 and names training.learning_rate for a typo", async () => {
  const { code, out, err } = await runConfigTask(["training.learnin_rate=1"]);
  assert.equal(code, 2);
  assert.equal(out, "");
  assert.match(err, /did you mean "training\.learning_rate"\?/);
  assert.doesNotMatch(err, /at .*\.ts:\d+/); // a message, not a stack trace
});

const SPEC: TaskSpec = { name: "demo", summary: "Does a demo.", flags: { resume: "resume" } };

Deno.test("parseTaskArgs() separates help, known flags and overrides", () => {
  assert.deepEqual(parseTaskArgs(SPEC, ["a=1", "--resume", "+b=2", "-h"]), {
    help: true,
    flags: { resume: true },
    overrides: ["a=1", "+b=2"],
  });
  assert.deepEqual(parseTaskArgs(SPEC, ["--resume=last"]).flags, { resume: "last" });
  assert.throws(() => parseTaskArgs(SPEC, ["--nope"]), UsageError);
  assert.throws(
    () => parseTaskArgs({ ...SPEC, overrides: false }, ["a=1"]),
    /takes no overrides, got "a=1"/,
  );
});

Deno.test("helpText() lists every config group with its options and marks the defaults", () => {
  const text = helpText({
    name: "config",
    summary: "Print the config.",
    configDir: `${REPO}configs`,
  });
  assert.match(text, /^deno task config \[overrides…\]/);
  assert.match(text, /model\s+bert_base\*, deberta_v3_base, roberta_base, tiny_bert/);
  assert.match(text, /hpo\s+stage0_sanity\*, stage1_coarse, stage2_fine, stage3_refit/);
  assert.match(text, /augmentation\s+.*none\*/);
});

Deno.test("formatTaskError() shows the message, the key and the file", () => {
  assert.equal(
    formatTaskError(new ConfigError("Cannot x: y", { keyPath: "a.b", file: "c.yaml" })),
    "error: Cannot x: y\n  (key: a.b, file: c.yaml)",
  );
  assert.equal(formatTaskError(new UsageError("Cannot run")), "error: Cannot run\n(see --help)");
});
