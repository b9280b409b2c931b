// The project's own configs/ tree: every option of every group composes, and the values match
// DESIGN.md and issue 2.
import assert from "node:assert/strict";
import {
  composeConfig,
  configGroupOptions,
  type ConfigNode,
  configSection,
  type ConfigTree,
  isConfigTree,
} from "../../lib/config/mod.ts";

const CONFIGS = new URL("../../configs/", import.meta.url).pathname;

function compose(overrides: string[] = []): ConfigTree {
  return composeConfig({ configDir: CONFIGS, overrides, now: new Date(0) }).config;
}

Deno.test("configs/: the defaults are criteria, bert_base, default training, synthetic data, no augmentation, stage0", () => {
  const { choices, config } = composeConfig({ configDir: CONFIGS });
  assert.deepEqual(choices, {
    task: "criteria",
    model: "bert_base",
    training: "default",
    data: "synthetic",
    augmentation: "none",
    hpo: "stage0_sanity",
  });
  assert.equal(config.seed, 42);
  assert.deepEqual(config.paths, { outputs: "outputs", mlruns: "mlruns", models: "models" });
  assert.equal(configSection(config, "mlflow").tracking_uri, "mlruns");
  assert.equal(configSection(config, "mlflow").experiment_name, null);
  assert.deepEqual(config.runtime, { intra_op_threads: 2, execution_provider: "cpu" });
});

Deno.test("configs/training/default.yaml holds the issue's trainer values", () => {
  const training = configSection(compose(), "training");
  assert.deepEqual(
    {
      epochs: training.epochs,
      train_batch_size: training.train_batch_size,
      eval_batch_size: training.eval_batch_size,
      learning_rate: training.learning_rate,
      weight_decay: training.weight_decay,
      max_grad_norm: training.max_grad_norm,
      gradient_accumulation_steps: training.gradient_accumulation_steps,
      scheduler_type: configSection(training, "scheduler").type,
      warmup_ratio: configSection(training, "scheduler").warmup_ratio,
      optimizer: training.optimizer,
      amp: training.amp,
      early_stopping: training.early_stopping,
      logging_steps: training.logging_steps,
      seed: training.seed,
    },
    {
      epochs: 10,
      train_batch_size: 16,
      eval_batch_size: 32,
      learning_rate: 2e-5,
      weight_decay: 0.01,
      max_grad_norm: 1,
      gradient_accumulation_steps: 1,
      scheduler_type: "cosine",
      warmup_ratio: 0.06,
      optimizer: { type: "adamw", betas: [0.9, 0.999], eps: 1e-8 },
      amp: { enabled: true, dtype: "float16" },
      early_stopping: { metric: "val_f1_macro", mode: "max", patience: 3, min_delta: 1e-4 },
      logging_steps: 100,
      seed: 42,
    },
  );
});

Deno.test("configs/training/default_aug.yaml is default with 12 epochs", () => {
  const plain = configSection(compose(), "training");
  const aug = configSection(compose(["training=default_aug"]), "training");
  assert.deepEqual(aug, { ...plain, epochs: 12 });
});

Deno.test("configs/: the issue's example command composes with its values", () => {
  const config = compose([
    "task=evidence",
    "model=roberta_base",
    "training.learning_rate=3e-5",
    "hpo=stage1_coarse",
  ]);
  assert.equal(configSection(config, "task").name, "evidence");
  assert.equal(configSection(config, "model").name, "roberta-base");
  assert.equal(configSection(config, "model").family, "roberta");
  assert.equal(configSection(config, "training").learning_rate, 3e-5);
  assert.equal(configSection(config, "hpo").name, "stage1_coarse");
  assert.equal(configSection(config, "hpo").study_name, "evidence-synthetic-none-stage1_coarse");
});

Deno.test("configs/: every option of every group composes", () => {
  const groups = configGroupOptions(CONFIGS);
  assert.deepEqual(groups.map((g) => g.group), [
    "augmentation",
    "data",
    "experiment",
    "hpo",
    "model",
    "task",
    "training",
  ]);
  for (const { group, options } of groups) {
    for (const option of options) {
      if (group === "experiment") continue; // added with +experiment=…, checked below
      const config = compose([`${group}=${option}`]);
      assert.ok(isConfigTree(config[group]), `${group}=${option}`);
    }
  }
});

Deno.test("configs/experiment: +experiment=quickstart switches to the tiny model and synthetic data", () => {
  const config = compose(["+experiment=quickstart"]);
  assert.equal(configSection(config, "model").name, "tiny-bert");
  assert.equal(configSection(config, "data").name, "synthetic");
  assert.equal(configSection(config, "task").max_length, 128);
  assert.equal("experiment" in config, false, "an @package _global_ config adds no experiment key");
});

Deno.test("configs/hpo: trials, epochs (plain and with augmentation) and refit seeds", () => {
  const stages = Object.fromEntries(
    ["stage0_sanity", "stage1_coarse", "stage2_fine", "stage3_refit"].map((s) => {
      const hpo = configSection(compose([`hpo=${s}`]), "hpo");
      return [s, [hpo.n_trials, hpo.epochs, hpo.epochs_with_augmentation]];
    }),
  );
  assert.deepEqual(stages, {
    stage0_sanity: [8, 3, 3],
    stage1_coarse: [40, 6, 8],
    stage2_fine: [24, 10, 12],
    stage3_refit: [1, 12, 15],
  });
  const refit = configSection(compose(["hpo=stage3_refit"]), "hpo");
  assert.deepEqual(refit.seeds, [42, 123, 456, 789, 2023]);
  for (const s of ["stage0_sanity", "stage1_coarse", "stage2_fine", "stage3_refit"]) {
    const hpo = configSection(compose([`hpo=${s}`]), "hpo");
    assert.equal(hpo.metric, "val_f1_macro", s);
    assert.equal(hpo.direction, "maximize", s);
  }
});

function checkEntry(name: string, entry: ConfigNode, space: ConfigTree): void {
  assert.ok(isConfigTree(entry), name);
  if (entry.type === "categorical") {
    assert.ok(Array.isArray(entry.choices) && entry.choices.length > 0, name);
  } else {
    assert.ok(entry.type === "float" || entry.type === "int", `${name}: type ${entry.type}`);
    assert.ok(typeof entry.low === "number" && typeof entry.high === "number", name);
    assert.ok(entry.low < entry.high, name);
    if (entry.log === true) assert.ok(entry.low > 0, name);
  }
  if (entry.condition !== undefined) {
    assert.ok(isConfigTree(entry.condition), name);
    for (const [key, wanted] of Object.entries(entry.condition)) {
      const parent = space[key];
      assert.ok(isConfigTree(parent) && Array.isArray(parent.choices), `${name} → ${key}`);
      assert.ok((parent.choices as ConfigNode[]).includes(wanted), `${name} → ${key}=${wanted}`);
    }
  }
}

Deno.test("configs/hpo: every search-space key is a config path or a config group", () => {
  const groups = new Set(configGroupOptions(CONFIGS).map((g) => g.group));
  for (const stage of ["stage0_sanity", "stage1_coarse", "stage2_fine", "stage3_refit"]) {
    const config = compose([`hpo=${stage}`]);
    const space = configSection(configSection(config, "hpo"), "search_space");
    for (const [name, entry] of Object.entries(space)) {
      checkEntry(`${stage}:${name}`, entry, space);
      if (groups.has(name)) {
        const options = configGroupOptions(CONFIGS).find((g) => g.group === name)?.options ?? [];
        for (const choice of (entry as ConfigTree).choices as ConfigNode[]) {
          assert.ok(options.includes(String(choice)), `${stage}:${name}=${choice}`);
        }
      } else {
        // Applying the sampled value as an override must hit an existing key.
        compose([`hpo=${stage}`, `${name}=${JSON.stringify((entry as ConfigTree).low ?? 1)}`]);
      }
    }
  }
});

Deno.test("configs/hpo: the coarse stage searches the knobs of DESIGN §6, LoRA r/alpha conditional", () => {
  const space = configSection(configSection(compose(["hpo=stage1_coarse"]), "hpo"), "search_space");
  for (
    const key of [
      "training.learning_rate",
      "training.weight_decay",
      "training.scheduler.warmup_ratio",
      "training.scheduler.type",
      "training.train_batch_size",
      "task.max_length",
      "model",
      "model.head.dropout",
      "model.lora.enabled",
      "model.lora.r",
      "model.lora.alpha",
    ]
  ) assert.ok(key in space, key);
  assert.deepEqual(space["training.learning_rate"], {
    type: "float",
    low: 1e-5,
    high: 5e-5,
    log: true,
  });
  assert.deepEqual(configSection(space, "[model.lora.r]").condition, {
    "model.lora.enabled": true,
  });
  assert.deepEqual(configSection(space, "[model.lora.alpha]").condition, {
    "model.lora.enabled": true,
  });
  const fine = configSection(compose(["hpo=stage2_fine"]), "hpo");
  const fixed = configSection(fine, "narrow").fix as string[];
  for (const key of fixed) assert.ok(key in space, `narrow.fix ${key}`);
});

Deno.test("configs/model: every model option has name, family, path, head, lora and freeze_layers", () => {
  for (const option of ["bert_base", "roberta_base", "deberta_v3_base", "tiny_bert"]) {
    const model = configSection(compose([`model=${option}`]), "model");
    assert.deepEqual(
      Object.keys(model).filter((k) =>
        ["name", "family", "path", "head", "lora", "freeze_layers"].includes(k)
      ).sort(),
      ["family", "freeze_layers", "head", "lora", "name", "path"],
      option,
    );
    assert.deepEqual(Object.keys(configSection(model, "head")).sort(), [
      "dropout",
      "hidden_size",
      "pooling",
    ]);
    assert.deepEqual(Object.keys(configSection(model, "lora")).sort(), [
      "alpha",
      "dropout",
      "enabled",
      "r",
      "target_modules",
    ]);
  }
  const names = ["bert_base", "roberta_base", "deberta_v3_base"].map((o) => {
    const model = configSection(compose([`model=${o}`]), "model");
    return [model.name, model.family];
  });
  assert.deepEqual(names, [
    ["bert-base-uncased", "bert"],
    ["roberta-base", "roberta"],
    ["microsoft/deberta-v3-base", "deberta-v2"],
  ]);
});

Deno.test("configs/augmentation: every option is seeded and only none is disabled", () => {
  const options = configGroupOptions(CONFIGS).find((g) => g.group === "augmentation")?.options;
  assert.deepEqual(options, [
    "char_keyboard",
    "char_ocr",
    "char_random",
    "hybrid",
    "none",
    "synonym",
    "word_random",
  ]);
  for (const option of options ?? []) {
    const aug = configSection(compose([`augmentation=${option}`, "seed=7"]), "augmentation");
    assert.equal(aug.enabled, option !== "none", option);
    assert.equal(aug.seed, 7, option);
    assert.equal(typeof aug.ratio, "number", option);
    assert.equal(typeof aug.max_aug_per_sample, "number", option);
  }
  const hybrid = configSection(compose(["augmentation=hybrid"]), "augmentation");
  const proportions = configSection(hybrid, "proportions");
  const components = configSection(hybrid, "components");
  assert.deepEqual(Object.keys(proportions).sort(), Object.keys(components).sort());
  const total = Object.values(proportions).reduce<number>((s, p) => s + (p as number), 0);
  assert.ok(Math.abs(total - 1) < 1e-9, `proportions sum to ${total}`);
});

Deno.test("configs/task: criteria and evidence carry their labels, losses and lengths", () => {
  const criteria = configSection(compose(), "task");
  assert.deepEqual(
    [criteria.name, criteria.pairs, criteria.num_labels, criteria.loss, criteria.max_length],
    ["criteria", "all", 2, "cross_entropy", 512],
  );
  const evidence = configSection(compose(["task=evidence"]), "task");
  assert.deepEqual(
    [evidence.name, evidence.num_labels, evidence.loss, evidence.max_length, evidence.threshold],
    ["evidence", 9, "bce_with_logits", 128, 0.5],
  );
});
