import { deepEqual, equal, throws } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { composeConfig, ConfigError } from "../../lib/config/mod.ts";
import { dataConfigFromConfig } from "../../lib/data/mod.ts";

const CONFIG_DIR = fileURLToPath(new URL("../../configs/", import.meta.url));

function compose(overrides: string[]) {
  return composeConfig({ configDir: CONFIG_DIR, overrides, env: {}, now: new Date(0) }).config;
}

Deno.test("dataConfigFromConfig() reads data=synthetic: the paths synth writes and groundtruth reads", () => {
  const data = dataConfigFromConfig(compose(["data=synthetic", "seed=7"]));
  deepEqual(data, {
    name: "synthetic",
    postsCsv: "data/synthetic/redsm5_posts.csv",
    annotationsCsv: "data/synthetic/redsm5_annotations.csv",
    criteriaJson: "data/synthetic/dsm5_criteria.json",
    outputDir: "data/processed/synthetic",
    specialCase: "drop",
    ratios: { train: 0.7, val: 0.15, test: 0.15 },
    splitSeed: 7,
    synthetic: { nPosts: 400, seed: 7 },
  });
});

Deno.test("dataConfigFromConfig() reads data=redsm5_local with the shipped criteria and no synthetic", () => {
  const data = dataConfigFromConfig(compose(["data=redsm5_local", "data.special_case=A.10"]));
  equal(data.criteriaJson, null);
  equal(data.specialCase, "A.10");
  equal(data.synthetic, null);
  equal(data.postsCsv, "data/redsm5/redsm5_posts.csv");
});

Deno.test("dataConfigFromConfig() names the key of a bad special_case or bad split ratios", () => {
  const key = (k: string) => (e: unknown) => e instanceof ConfigError && e.keyPath === k;
  throws(() => dataConfigFromConfig(compose(["data.special_case=keep"])), key("data.special_case"));
  throws(() => dataConfigFromConfig(compose(["data.split.val=-0.1"])), key("data.split.val"));
  throws(() => dataConfigFromConfig(compose(["data.split.test=0.3"])), key("data.split"));
});
