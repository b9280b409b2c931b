import { deepEqual, equal, throws } from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  experimentName,
  flattenMlflowParams,
  mlflowRunContext,
  projectTags,
  readGitCommit,
  TrackingError,
} from "../../lib/tracking/mod.ts";

const A = "a".repeat(40), B = "b".repeat(40), C = "c".repeat(40);

function write(path: string, text: string): void {
  Deno.mkdirSync(join(path, ".."), { recursive: true });
  Deno.writeTextFileSync(path, text);
}

Deno.test("readGitCommit() follows HEAD through loose refs, packed-refs and detached heads", async () => {
  const repo = await Deno.makeTempDir();
  try {
    write(join(repo, ".git", "HEAD"), "ref: refs/heads/main\n");
    equal(readGitCommit(repo), undefined); // unborn branch
    write(
      join(repo, ".git", "packed-refs"),
      `# pack-refs with: peeled fully-peeled sorted\n${B} refs/heads/main\n^${C}\n`,
    );
    equal(readGitCommit(join(repo)), B);
    write(join(repo, ".git", "refs", "heads", "main"), `${A}\n`); // a loose ref wins over packed
    Deno.mkdirSync(join(repo, "src", "deep"), { recursive: true });
    equal(readGitCommit(join(repo, "src", "deep")), A); // found walking up
    write(join(repo, ".git", "HEAD"), `${C}\n`);
    equal(readGitCommit(repo), C);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("readGitCommit() reads a linked worktree's gitdir file and the common dir's refs", async () => {
  const base = await Deno.makeTempDir();
  try {
    const main = join(base, "main"), tree = join(base, "feature");
    const gitDir = join(main, ".git", "worktrees", "feature");
    write(join(main, ".git", "HEAD"), "ref: refs/heads/main\n");
    write(join(main, ".git", "packed-refs"), `${B} refs/heads/feature\n`);
    write(join(gitDir, "HEAD"), "ref: refs/heads/feature\n");
    write(join(gitDir, "commondir"), "../..\n");
    write(join(tree, ".git"), `gitdir: ${gitDir}\n`);
    equal(readGitCommit(tree), B);
    write(join(tree, ".git"), "gitdir: ../main/.git/worktrees/feature\n"); // relative form
    equal(readGitCommit(tree), B);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("mlflowRunContext() takes the user, source and git commit from its inputs only", async () => {
  const repo = await Deno.makeTempDir();
  try {
    write(join(repo, ".git", "HEAD"), `${A}\n`);
    write(join(repo, "tasks", "train.ts"), "");
    const ctx = mlflowRunContext({
      env: { USER: "u", LOGNAME: "logname" },
      source: pathToFileURL(join(repo, "tasks", "train.ts")).href,
      cwd: "/",
    });
    deepEqual(ctx, {
      user: "logname",
      sourceName: join(repo, "tasks", "train.ts"),
      sourceType: "LOCAL",
      gitCommit: A,
    });
    deepEqual(mlflowRunContext({ env: {}, cwd: repo }), { gitCommit: A });
    let passwd = "";
    try {
      passwd = Deno.readTextFileSync("/etc/passwd");
    } catch { /* not on this system */ }
    const root = passwd.split("\n").find((l) => l.split(":")[2] === "0")?.split(":")[0];
    if (root) equal(mlflowRunContext({ env: {}, cwd: "/", uid: 0 }).user, root);
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("experimentName() gives noaug_baseline-{task}-{dataset} without augmentation and aug_criteria_evidence-{task} with it", () => {
  for (const augmentation of [undefined, null, false, "none", "None", "disabled", ""]) {
    equal(
      experimentName({ task: "criteria", dataset: "redsm5", augmentation }),
      "noaug_baseline-criteria-redsm5",
    );
  }
  for (const augmentation of [true, "hybrid", "synonym"]) {
    equal(
      experimentName({ task: "evidence", dataset: "redsm5", augmentation }),
      "aug_criteria_evidence-evidence",
    );
  }
  throws(() => experimentName({ task: "", dataset: "x" }), TrackingError);
});

Deno.test("projectTags() and flattenMlflowParams() turn config facts into psy.* tags and dotted params", () => {
  deepEqual(
    projectTags({
      configHash: "abc",
      task: "criteria",
      model: "bert-base-uncased",
      seed: 42,
      augmentation: "none",
    }),
    {
      "psy.config_hash": "abc",
      "psy.task": "criteria",
      "psy.model": "bert-base-uncased",
      "psy.seed": "42",
      "psy.augmentation": "none",
    },
  );
  deepEqual(
    flattenMlflowParams({ a: { b: { c: 1 } }, d: [1, { e: 2 }], f: null, g: false, h: {} }),
    {
      "a.b.c": "1",
      d: '[1,{"e":2}]',
      f: "",
      g: "false",
    },
  );
});
