/**
 * The two data tasks as subprocesses, once: synth writes a small corpus into a temp folder (via
 * overrides), make_groundtruth turns it into ground truth there.
 *
 * The synth command line mirrors `deno task synth` but adds `--allow-env=LOG_TOKENS,LOG_STREAM`:
 * npm:yaml (used by the config composer) reads those two variables, so the task needs them.
 */
import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdin: "null" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("synth then make_groundtruth write a corpus and its ground truth where the overrides say", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const paths = [
      `data.posts_csv=${join(dir, "in", "redsm5_posts.csv")}`,
      `data.annotations_csv=${join(dir, "in", "redsm5_annotations.csv")}`,
      `data.criteria_json=${join(dir, "in", "dsm5_criteria.json")}`,
    ];
    const synth = await run([
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env=LOG_TOKENS,LOG_STREAM",
      "tasks/synth.ts",
      "data=synthetic",
      "data.synthetic.n_posts=60",
      ...paths,
    ]);
    equal(synth.code, 0, synth.stderr);
    equal(synth.stdout.includes("Wrote 60 posts"), true, synth.stdout);
    const fixture = fileURLToPath(new URL("../testdata/redsm5_fixture/", import.meta.url));
    for (const name of ["redsm5_posts.csv", "redsm5_annotations.csv", "dsm5_criteria.json"]) {
      equal(
        await Deno.readTextFile(join(dir, "in", name)),
        await Deno.readTextFile(join(fixture, name)),
        name,
      );
    }
    const out = join(dir, "out");
    const gt = await run([
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "tasks/make_groundtruth.ts",
      "data=synthetic",
      ...paths,
      `data.output_dir=${out}`,
    ]);
    equal(gt.code, 0, gt.stderr);
    equal(gt.stdout.includes("criteria rows: 540"), true, gt.stdout);
    equal(gt.stdout.includes("symptom_typo: 1"), true, gt.stdout);
    const files = (await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).toSorted();
    deepEqual(files, [
      "criteria_groundtruth.csv",
      "evidence_groundtruth.csv",
      "repairs.json",
      "splits.json",
    ]);
    const bad = await run([
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "tasks/make_groundtruth.ts",
      ...paths,
      "data.posts_csv=" + join(dir, "missing.csv"),
      `data.output_dir=${join(dir, "out2")}`,
    ]);
    equal(bad.code, 1);
    equal(bad.stderr.includes("missing.csv"), true, bad.stderr);
    equal(bad.stderr.includes("deno task synth"), true, bad.stderr); // the synthetic data's hint
    equal((await Array.fromAsync(Deno.readDir(dir))).some((e) => e.name === "out2"), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
