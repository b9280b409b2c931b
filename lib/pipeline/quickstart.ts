/**
 * The quickstart pipeline: every step that is built so far, run for real on the built-in
 * synthetic corpus, tracked in MLflow; the steps that later issues build are listed, never faked.
 *
 * @module
 */
import { join } from "node:path";
import {
  type ComposedConfig,
  ConfigError,
  configHash,
  configInt,
  configString,
  createRunDir,
  flattenConfig,
} from "../config/mod.ts";
import {
  buildCriteriaPairs,
  buildWordPieceTokenizer,
  dataConfigFromConfig,
  encodeDataset,
  loadTokenizer,
  makeGroundTruth,
  type MakeGroundTruthResult,
  planBatches,
  type TokenizerFamily,
  type TruncationStrategy,
  writeSyntheticCorpus,
  writeWordPieceTokenizer,
} from "../data/mod.ts";
import {
  experimentName,
  type MlflowRunContext,
  openMlflowStore,
  projectTags,
  withRun,
} from "../tracking/mod.ts";
import { checkRuntime } from "./runtime_check.ts";

/** One line of progress, for the task to print. */
export type QuickstartEvent =
  | { readonly kind: "step"; readonly step: string; readonly detail: string }
  | { readonly kind: "notice"; readonly step: string; readonly detail: string }
  | { readonly kind: "not_built"; readonly step: string; readonly detail: string };

/** Inputs of {@link runQuickstart}. */
export interface QuickstartOptions {
  /** The composed config (with `+experiment=quickstart`). */
  readonly composed: ComposedConfig;
  /** The clock reading for the run folder. */
  readonly now: Date;
  /** Who and what runs it, for MLflow's system tags. */
  readonly context?: MlflowRunContext;
  /** Progress callback. */
  readonly onEvent?: (event: QuickstartEvent) => void;
}

/** What the quickstart produced. */
export interface QuickstartSummary {
  /** The run folder (`outputs/quickstart/<timestamp>/`). */
  readonly runDir: string;
  /** MLflow experiment and run ids. */
  readonly experimentId: string;
  readonly runId: string;
  /** Figures measured on the way, also logged as MLflow metrics. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Steps of the full pipeline that later issues build; printed so nobody thinks they ran. */
const NOT_BUILT: readonly (readonly [string, string])[] = [
  ["models", "BERT / RoBERTa / DeBERTa-v3 graphs, safetensors weights, LoRA, export"],
  ["train", "the trainer loop (schedules, early stopping, checkpoints, progress bar)"],
  ["evaluate", "metrics with scikit-learn semantics, reports, test evaluation"],
  ["hpo stages", "sanity → coarse → fine → refit on the trainer (the TPE library is built)"],
  ["augmentation", "text augmenters inside the training data path"],
];

/**
 * Runs the quickstart: synthetic corpus → ground truth and splits → tokenizer → tokenised,
 * batched training pairs → one MLflow run with the flattened config, the figures and the files.
 */
export async function runQuickstart(options: QuickstartOptions): Promise<QuickstartSummary> {
  const { composed, now } = options;
  const config = composed.config;
  const emit = options.onEvent ?? (() => {});
  const notices = checkRuntime(config);
  const task = configString(config, "task.name");
  const runDir = createRunDir({
    root: configString(config, "paths.outputs"),
    task: "quickstart",
    now,
    config,
    overrides: composed.overrides,
  });
  emit({ kind: "step", step: "config", detail: `hash ${configHash(config)}, folder ${runDir}` });
  for (const n of notices) emit({ kind: "notice", step: n.key, detail: n.message });

  const data = dataConfigFromConfig(config);
  if (data.synthetic !== null) {
    const { stats } = await writeSyntheticCorpus({
      ...data.synthetic,
      postsCsv: data.postsCsv,
      annotationsCsv: data.annotationsCsv,
      criteriaJson: data.criteriaJson,
    });
    emit({
      kind: "step",
      step: "synth",
      detail: `${stats.posts} posts, ${stats.annotationRows} annotation rows → ${data.postsCsv}`,
    });
  }
  const gt = await makeGroundTruth({
    ...data,
    seed: data.splitSeed,
    source: data.name,
  });
  const { train, val, test } = gt.splits.metadata.counts;
  emit({
    kind: "step",
    step: "make_groundtruth",
    detail: `${gt.groundTruth.criteria.length} criteria rows, ${gt.groundTruth.evidence.length} ` +
      `evidence rows; splits train ${train} / val ${val} / test ${test} → ${data.outputDir}`,
  });

  const tokenizerDir = join(runDir, "tokenizer");
  const tokenizerStats = await buildTokenizer(gt, config, tokenizerDir);
  emit({
    kind: "step",
    step: "tokenizer",
    detail: `WordPiece, ${tokenizerStats.vocabSize} tokens → ${tokenizerDir}`,
  });

  const batchStats = await tokeniseTrainPairs(gt, composed, tokenizerDir);
  emit({
    kind: "step",
    step: "batches",
    detail: `${batchStats.pairs} training pairs (${task}), ${batchStats.batches} batches of ` +
      `${batchStats.batchSize}; mean ${batchStats.meanTokens.toFixed(1)} tokens, ` +
      `${(100 * batchStats.atLimitShare).toFixed(1)}% at the ${batchStats.maxLength}-token limit`,
  });

  const metrics: Record<string, number> = {
    "data/posts": gt.corpus.posts.length,
    "data/annotations": gt.corpus.annotations.length,
    "data/criteria_rows": gt.groundTruth.criteria.length,
    "data/criteria_positive": gt.groundTruth.criteria.filter((r) => r.label === 1).length,
    "data/evidence_rows": gt.groundTruth.evidence.length,
    "data/train_posts": train,
    "data/val_posts": val,
    "data/test_posts": test,
    "tokenizer/vocab_size": tokenizerStats.vocabSize,
    "batches/train_pairs": batchStats.pairs,
    "batches/per_epoch": batchStats.batches,
    "batches/mean_tokens": batchStats.meanTokens,
    "batches/at_limit_share": batchStats.atLimitShare,
  };
  const tracked = await track(options, runDir, metrics, gt);
  emit({
    kind: "step",
    step: "mlflow",
    detail: `experiment ${tracked.experimentId}, run ${tracked.runId} → ` +
      configString(config, "paths.mlruns"),
  });
  for (const [step, detail] of NOT_BUILT) emit({ kind: "not_built", step, detail });
  return { runDir, ...tracked, metrics };
}

async function buildTokenizer(
  gt: MakeGroundTruthResult,
  config: ComposedConfig["config"],
  dir: string,
): Promise<{ vocabSize: number }> {
  const trainIds = new Set(gt.splits.train);
  const texts = gt.corpus.posts.filter((p) => trainIds.has(p.postId)).map((p) => p.text);
  texts.push(...gt.criteria.map((c) => c.text));
  const files = buildWordPieceTokenizer(texts, {
    vocabSize: configInt(config, "model.tokenizer.vocab_size"),
    minFrequency: configInt(config, "model.tokenizer.min_frequency"),
  });
  await writeWordPieceTokenizer(dir, files);
  return { vocabSize: files.vocab.length };
}

async function tokeniseTrainPairs(
  gt: MakeGroundTruthResult,
  composed: ComposedConfig,
  tokenizerDir: string,
) {
  const config = composed.config;
  const family = oneOf<TokenizerFamily>(config, "model.family", ["bert", "roberta", "deberta-v2"]);
  const tokenizer = await loadTokenizer(tokenizerDir, { family });
  const pairs = buildCriteriaPairs({
    posts: gt.corpus.posts,
    criteria: gt.criteria,
    groundTruth: gt.groundTruth.criteria,
    pairs: configString(config, "task.pairs") === "annotated" ? "annotated" : "all",
    postIds: gt.splits.train,
  });
  const maxLength = configInt(config, "task.max_length");
  const truncation = oneOf<TruncationStrategy>(config, "task.truncation", [
    "longest_first",
    "only_first",
    "only_second",
  ]);
  const encoded = encodeDataset(pairs, tokenizer, { maxLength, truncation });
  const lengths = encoded.items.map((item) => item.inputIds.length);
  const batchSize = configInt(config, "training.train_batch_size");
  const plan = planBatches(lengths, {
    batchSize,
    seed: configInt(config, "training.seed"),
    epoch: 0,
    groupByLength: true,
  });
  return {
    pairs: pairs.length,
    batches: plan.length,
    batchSize,
    maxLength,
    meanTokens: lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length),
    // Pairs that fill max_length: truncated, or exactly that long (encodings do not say which).
    atLimitShare: lengths.filter((n) => n >= maxLength).length / Math.max(1, lengths.length),
  };
}

/** A string config value that must be one of `choices`; a ConfigError names key and value. */
function oneOf<T extends string>(
  config: ComposedConfig["config"],
  key: string,
  choices: readonly T[],
): T {
  const value = configString(config, key);
  const found = choices.find((c) => c === value);
  if (found === undefined) {
    throw new ConfigError(
      `Cannot use ${key}: "${value}" is not one of ${choices.map((c) => `"${c}"`).join(", ")}`,
      { keyPath: key },
    );
  }
  return found;
}

async function track(
  options: QuickstartOptions,
  runDir: string,
  metrics: Readonly<Record<string, number>>,
  gt: MakeGroundTruthResult,
): Promise<{ experimentId: string; runId: string }> {
  const config = options.composed.config;
  const store = openMlflowStore(configString(config, "mlflow.tracking_uri"), {
    context: options.context,
  });
  const augmentation = configString(config, "augmentation.name");
  const experimentId = await store.getOrCreateExperiment(experimentName({
    task: configString(config, "task.name"),
    dataset: configString(config, "data.name"),
    augmentation,
  }));
  const run = store.startRun({
    experimentId,
    runName: "quickstart",
    tags: projectTags({
      configHash: configHash(config),
      task: configString(config, "task.name"),
      model: configString(config, "model.name"),
      seed: configInt(config, "seed"),
      augmentation,
    }),
  });
  await withRun(run, (r) => {
    r.logParams(flattenConfig(config));
    r.logMetrics(metrics, { step: 0 });
    r.logArtifact(join(runDir, "config.yaml"));
    r.logArtifact(join(runDir, "overrides.yaml"));
    for (const file of gt.files) r.logArtifact(file, { artifactPath: "data" });
    r.logArtifacts(join(runDir, "tokenizer"), { artifactPath: "tokenizer" });
  });
  return { experimentId, runId: run.runId };
}
