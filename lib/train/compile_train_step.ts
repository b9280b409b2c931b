/**
 * Compiles a model description into the two ONNX models a training run needs: a training
 * step (batch + trainable parameters → loss, logits, `grad.<param>`) and a forward-only
 * evaluation model (ORT runs every node of a model whatever is fetched, so evaluation needs its
 * own). Frozen weights are initializers the build function creates with `g.initializer`.
 *
 * @module
 */
import { gradients } from "../autodiff/mod.ts";
import { GraphBuilder, ops, type SymTensor } from "../graph/mod.ts";
import { lowerGraph, type ModelSpec, type ValueInfoSpec } from "../onnx/mod.ts";
import type { DropoutSite } from "./dropout_masks.ts";
import { inlineDropoutMasks } from "./_hash_mask_graph.ts";
import { TrainError } from "./train_error.ts";

/** Where dropout masks are computed: in TypeScript and fed, or inside the ONNX graph. */
export type DropoutMode = "host" | "graph";

/** What a build function gets besides the graph. */
export interface TrainBuildContext {
  /** True while building the training model, false for the evaluation model. */
  readonly training: boolean;
  /**
   * Inverted dropout whose masks the engine makes from (seed, step): identity when not
   * training or when `p` is 0.
   */
  dropout(x: SymTensor, p: number, options?: { readonly name?: string }): SymTensor;
}

/** What a build function returns: a scalar loss and the logits. */
export interface TrainBuildResult {
  /** Scalar loss (a mean over the batch). */
  readonly loss: SymTensor;
  /** Logits, returned by both models. */
  readonly logits: SymTensor;
}

/** Options of {@link compileTrainStep}. */
export interface CompileTrainStepOptions {
  /** Builds the model on `g`: inputs via `g.input`, trainable weights via `g.param`. */
  readonly build: (g: GraphBuilder, ctx: TrainBuildContext) => TrainBuildResult;
  /** Graph name (default `"model"`). */
  readonly name?: string;
  /**
   * Default `"host"`: masks made in TypeScript and fed. Measured in bench/engine_bench.ts on
   * the 4-layer transformer (batch 8 × 128): `"graph"` took a median +30 ms wall and +24 ms CPU
   * per step over 30 interleaved pairs, and makes a bigger graph (+214 nodes) that compiles
   * and loads slower. Both modes give bit-identical masks.
   */
  readonly dropoutMode?: DropoutMode;
  /** Outputs of the evaluation model: `"loss+logits"` (default, needs labels) or `"logits"`. */
  readonly evalOutputs?: "loss+logits" | "logits";
}

/** A trainable parameter's name and shape. */
export interface ParamInfo {
  /** The parameter's graph input name (and gradient output `grad.<name>`). */
  readonly name: string;
  /** Its static shape. */
  readonly shape: readonly number[];
}

/** The compiled models and what to feed them. */
export interface CompiledTrainStep {
  /** Inputs: batch, parameters, dropout masks (host) or keys (graph); outputs loss, logits, grads. */
  readonly trainModel: ModelSpec;
  /** Forward-only model without dropout: inputs batch (+ labels) and parameters. */
  readonly evalModel: ModelSpec;
  /** Trainable parameters in graph order. */
  readonly params: readonly ParamInfo[];
  /** Batch inputs of the training model (everything fed that is not a parameter or mask). */
  readonly batchInputs: readonly ValueInfoSpec[];
  /** Batch inputs of the evaluation model. */
  readonly evalBatchInputs: readonly ValueInfoSpec[];
  /** Dropout sites of the training model, in creation order. */
  readonly dropoutSites: readonly DropoutSite[];
  /** How the training model's masks are made. */
  readonly dropoutMode: DropoutMode;
}

/** The input that carries the per-site hash keys in `"graph"` dropout mode. */
export const DROPOUT_KEYS_INPUT = "dropout.keys";
/** Prefix of the gradient outputs (`grad.<param name>`). */
export const GRAD_PREFIX = "grad.";

function context(g: GraphBuilder, training: boolean, sites: DropoutSite[]): TrainBuildContext {
  return {
    training,
    dropout(x, p, options) {
      if (!(p >= 0 && p < 1)) {
        throw new TrainError(`Cannot build dropout "${options?.name ?? x.name}": p ${p}`);
      }
      if (!training || p === 0) return x;
      const name = `dropout.mask.${sites.length}`;
      const mask = g.input(name, "float32", x.shape); // scaled keep mask, 0 or 1/(1−p)
      sites.push({ name, shape: x.shape, p });
      return ops.mul(x, mask, { name: options?.name ?? `${x.name}.dropout` });
    },
  };
}

function build(options: CompileTrainStepOptions, training: boolean) {
  const g = new GraphBuilder(options.name ?? "model");
  const sites: DropoutSite[] = [];
  const out = options.build(g, context(g, training, sites));
  if (out.loss.shape.length !== 0) {
    throw new TrainError(
      `Cannot compile a train step: loss "${out.loss.name}" has shape [${out.loss.shape}], not []`,
    );
  }
  const params = g.values.filter((v) => g.source(v).kind === "param");
  return { g, sites, out, params };
}

/** Drops graph inputs that no node reads and no output is (ORT demands every input be fed). */
function pruneInputs(spec: ModelSpec): ModelSpec {
  const used = new Set<string>(spec.graph.outputs.map((o) => o.name));
  for (const n of spec.graph.nodes) for (const i of n.inputs) used.add(i);
  return {
    ...spec,
    graph: { ...spec.graph, inputs: spec.graph.inputs.filter((v) => used.has(v.name)) },
  };
}

/**
 * Builds, differentiates and lowers a model into a training step and an evaluation model.
 *
 * @example
 * ```ts
 * import { compileTrainStep } from "./compile_train_step.ts";
 * import { ops } from "../graph/mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const step = compileTrainStep({
 *   build: (g) => {
 *     const x = g.input("x", "float32", [4, 3]);
 *     const y = g.input("labels", "int64", [4]);
 *     const logits = ops.linear(x, g.param("fc.weight", [2, 3]), { bias: g.param("fc.bias", [2]) });
 *     return { loss: ops.softmaxCrossEntropy(logits, y), logits };
 *   },
 * });
 * deepEqual(step.params.map((p) => p.name), ["fc.weight", "fc.bias"]);
 * deepEqual(step.trainModel.graph.outputs.map((o) => o.name), [
 *   "loss", "logits", "grad.fc.weight", "grad.fc.bias",
 * ]);
 * ```
 */
export function compileTrainStep(options: CompileTrainStepOptions): CompiledTrainStep {
  const mode = options.dropoutMode ?? "host";
  const train = build(options, true);
  if (train.params.length === 0) {
    throw new TrainError("Cannot compile a train step: the model has no g.param parameters");
  }
  const grads = gradients(train.out.loss, train.params);
  const outputs: Record<string, SymTensor> = { loss: train.out.loss, logits: train.out.logits };
  train.params.forEach((p, i) => (outputs[`${GRAD_PREFIX}${p.name}`] = grads[i]));
  let trainModel = pruneInputs(lowerGraph(train.g, { outputs }));
  if (mode === "graph" && train.sites.length > 0) {
    trainModel = inlineDropoutMasks(trainModel, train.sites, DROPOUT_KEYS_INPUT);
  }
  const evaluation = build(options, false);
  const evalOut: Record<string, SymTensor> = options.evalOutputs === "logits"
    ? { logits: evaluation.out.logits }
    : { loss: evaluation.out.loss, logits: evaluation.out.logits };
  const evalModel = pruneInputs(lowerGraph(evaluation.g, { outputs: evalOut }));
  const paramNames = new Set(train.params.map((p) => p.name));
  const notBatch = (v: ValueInfoSpec) =>
    paramNames.has(v.name) || v.name === DROPOUT_KEYS_INPUT ||
    train.sites.some((s) => s.name === v.name);
  return {
    trainModel,
    evalModel,
    params: train.params.map((p) => ({ name: p.name, shape: p.shape })),
    batchInputs: trainModel.graph.inputs.filter((v) => !notBatch(v)),
    evalBatchInputs: evalModel.graph.inputs.filter((v) => !paramNames.has(v.name)),
    dropoutSites: train.sites,
    dropoutMode: mode,
  };
}
