import assert from "node:assert/strict";
import fc from "fast-check";
import process from "node:process";
import { parse } from "yaml";
import {
  canonicalConfigJson,
  configBoolean,
  ConfigError,
  configGroupOptions,
  configHas,
  configHash,
  configInt,
  configList,
  type ConfigNode,
  configNumber,
  configSection,
  configString,
  configToYaml,
  type ConfigTree,
  configValue,
  createRunDir,
  flattenConfig,
} from "../../lib/config/mod.ts";

const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
);
const tree: fc.Arbitrary<ConfigTree> = fc.letrec<{ node: ConfigNode; tree: ConfigTree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("node"), { maxLength: 3 }),
    tie("tree"),
  ),
  tree: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== "__proto__"),
    tie("node"),
    { maxKeys: 4, noNullPrototype: true },
  ),
})).tree;

function reversedKeys(node: ConfigNode): ConfigNode {
  if (Array.isArray(node)) return node.map(reversedKeys);
  if (node !== null && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node as ConfigTree).reverse().map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return node;
}

Deno.test("configHash() is stable under key reordering at every depth", () => {
  fc.assert(
    fc.property(tree, (t) => {
      assert.equal(configHash(reversedKeys(t)), configHash(t));
      assert.equal(canonicalConfigJson(reversedKeys(t)), canonicalConfigJson(t));
    }),
  );
});

Deno.test("configHash() changes when a value, a key or a list order changes", () => {
  const base = { training: { learning_rate: 2e-5, betas: [0.9, 0.999] }, seed: 42 };
  const h = configHash(base);
  assert.notEqual(configHash({ ...base, seed: 43 }), h);
  assert.notEqual(configHash({ ...base, seed: "42" }), h);
  assert.notEqual(
    configHash({ ...base, training: { learning_rate: 2e-5, betas: [0.999, 0.9] } }),
    h,
  );
  assert.notEqual(configHash({ training: base.training, seeds: 42 }), h);
  // Known value: SHA-256 of '{}'.
  assert.equal(configHash({}), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
});

Deno.test("flattenConfig() writes dotted keys and flow text for lists", () => {
  assert.deepEqual(
    flattenConfig({
      training: { scheduler: { type: "cosine", warmup_ratio: 0.06 }, amp: { enabled: true } },
      model: { lora: { target_modules: ["query", "value"] }, path: null, extra: {} },
      seed: 42,
    }),
    {
      "training.scheduler.type": "cosine",
      "training.scheduler.warmup_ratio": "0.06",
      "training.amp.enabled": "true",
      "model.lora.target_modules": '["query","value"]',
      "model.path": "null",
      "model.extra": "{}",
      seed: "42",
    },
  );
});

Deno.test("configToYaml() output parses back to the same config", () => {
  fc.assert(
    fc.property(tree, (t) => {
      assert.deepEqual(parse(configToYaml(t)), t);
    }),
  );
});

Deno.test("configToYaml() quotes text that a YAML 1.1 reader (PyYAML, OmegaConf) would take as another type", () => {
  const config = {
    a: "yes",
    b: ["on", "off", "y"],
    c: "1_000",
    d: "2023-01-01",
    e: "1:20",
    no: 1,
    f: "plain",
  };
  const text = configToYaml(config);
  assert.deepEqual(parse(text, { version: "1.1" }), config);
  assert.deepEqual(parse(text), config);
  assert.match(text, /^f: plain$/m);
});

Deno.test("configToYaml() prints no YAML warnings for text that looks like a tag or a directive", async () => {
  const warnings: string[] = [];
  const listener = (warning: Error): void => void warnings.push(warning.message);
  process.on("warning", listener);
  try {
    const config = { a: "!EQ", b: "%", c: "%}!Jg" };
    assert.deepEqual(parse(configToYaml(config)), config);
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.off("warning", listener);
  }
  assert.deepEqual(warnings, []);
});

Deno.test("typed readers return the value or name key, expected type and value found", () => {
  const config = {
    training: { epochs: 10, learning_rate: 2e-5, scheduler: { type: "cosine" } },
    model: { lora: { enabled: false, target_modules: ["query"] } },
  };
  assert.equal(configInt(config, "training.epochs"), 10);
  assert.equal(configNumber(config, "training.learning_rate"), 2e-5);
  assert.equal(configString(config, "training.scheduler.type"), "cosine");
  assert.equal(configBoolean(config, "model.lora.enabled"), false);
  assert.deepEqual(configList(config, "model.lora.target_modules"), ["query"]);
  assert.deepEqual(configSection(config, "training.scheduler"), { type: "cosine" });
  assert.equal(configHas(config, "training.scheduler.type"), true);
  assert.equal(configHas(config, "training.scheduler.kind"), false);
  assert.throws(() => configInt(config, "training.learning_rate"), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.keyPath, "training.learning_rate");
    assert.equal(
      e.message,
      'Cannot read config key "training.learning_rate" as an integer: found 0.00002',
    );
    return true;
  });
  assert.throws(() => configString(config, "training.epochs"), /as a string: found 10/);
  assert.throws(() => configBoolean(config, "training.epochs"), /as a boolean/);
  assert.throws(() => configSection(config, "training.epochs"), /as a mapping/);
  assert.throws(
    () => configValue(config, "training.learnin_rate"),
    /"training.learnin_rate": it does not exist \(did you mean "training.learning_rate"\?\)/,
  );
});

Deno.test("configValue() reads keys that contain dots through brackets", () => {
  const config = { hpo: { search_space: { "training.learning_rate": { low: 1e-5 } } } };
  assert.equal(configValue(config, "hpo.search_space[training.learning_rate].low"), 1e-5);
});

Deno.test("createRunDir() writes the resolved config and the overrides, never reusing a folder", () => {
  const root = Deno.makeTempDirSync();
  try {
    const now = new Date(Date.UTC(2026, 10, 28, 1, 2, 3));
    const config = { seed: 42, training: { learning_rate: 3e-5, name: "3" } };
    const options = {
      root,
      task: "train",
      now,
      config,
      overrides: ["training.learning_rate=3e-5"],
    };
    const dirs = [createRunDir(options), createRunDir(options), createRunDir(options)];
    assert.deepEqual(dirs, [
      `${root}/train/2026-11-28_01-02-03`,
      `${root}/train/2026-11-28_01-02-03_1`,
      `${root}/train/2026-11-28_01-02-03_2`,
    ]);
    assert.deepEqual(parse(Deno.readTextFileSync(`${dirs[0]}/config.yaml`)), config);
    assert.deepEqual(parse(Deno.readTextFileSync(`${dirs[0]}/overrides.yaml`)), [
      "training.learning_rate=3e-5",
    ]);
    assert.deepEqual([...Deno.readDirSync(dirs[0])].map((e) => e.name).sort(), [
      "config.yaml",
      "overrides.yaml",
    ]);
    assert.equal(
      Deno.readTextFileSync(`${dirs[1]}/overrides.yaml`).trim(),
      "- training.learning_rate=3e-5",
    );
    assert.throws(() => createRunDir({ ...options, task: "../x" }), /not one path segment/);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("createRunDir() leaves no half-made run folder behind when writing fails", () => {
  const root = Deno.makeTempDirSync();
  try {
    const cyclic: Record<string, ConfigNode> = {};
    cyclic.self = cyclic; // cannot be written as YAML
    const now = new Date(Date.UTC(2026, 10, 28, 1, 2, 3));
    assert.throws(
      () => createRunDir({ root, task: "train", now, config: cyclic, overrides: [] }),
      ConfigError,
    );
    assert.deepEqual([...Deno.readDirSync(`${root}/train`)], []);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("configGroupOptions() lists nested groups with their options", () => {
  const dir = new URL("../testdata/config/packages/", import.meta.url).pathname;
  assert.deepEqual(configGroupOptions(dir), [
    { group: "server", options: ["apache", "apache_two_dbs"] },
    { group: "server/db", options: ["global", "mysql", "sqlite"] },
  ]);
});

Deno.test("typed readers refuse a mandatory value left as ??? and say how to set it", () => {
  const config = { model: { path: "???", name: "bert" } };
  for (const read of [configValue, configString]) {
    assert.throws(() => read(config, "model.path"), (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.keyPath, "model.path");
      assert.match(e.message, /"model.path".*mandatory.*model\.path=<value>/);
      return true;
    });
  }
  assert.equal(configHas(config, "model.path"), true);
  assert.equal(configString(config, "model.name"), "bert");
});
