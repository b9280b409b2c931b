/**
 * Runs a compiled training step in the calling thread: feeds the batch, the parameters
 * (zero-copy) and the dropout masks, reads back loss, logits and gradients, clips and lets the
 * optimizer update the parameters in place. `TrainWorker` runs the same in a worker.
 *
 * @module
 */
import {
  createOrtSession,
  type FeedMap,
  type FeedTensor,
  float32Data,
  type OrtSession,
  type OrtSessionOptions,
  type OutputMap,
} from "../onnx/mod.ts";
import { clipCoefficient, gradNorm } from "./clip_grad_norm.ts";
import { GradAccumulator } from "./grad_accumulator.ts";
import { type CompiledTrainStep, DROPOUT_KEYS_INPUT, GRAD_PREFIX } from "./compile_train_step.ts";
import { allocateDropoutMasks, dropoutKeys, fillDropoutMasks } from "./dropout_masks.ts";
import { encodeModel } from "../onnx/mod.ts";
import type { Optimizer, ParamArrays } from "./optimizer.ts";
import { TrainError } from "./train_error.ts";

/** Options of {@link TrainStepSession.create}. */
export interface TrainStepSessionOptions {
  /** Root seed of the dropout masks (default 0). */
  readonly seed?: number;
  /**
   * ORT session options of both models (threads, optimisation level). Spinning is off unless
   * set (`allowSpinning: true`): measured on a shared 2-core machine, spin-waiting ORT threads
   * made steps ~1.6× slower by stealing CPU from the JS optimizer and from each other.
   */
  readonly session?: OrtSessionOptions;
}

/** Options of one gradient computation. */
export interface GradStepOptions {
  /**
   * The step index that keys the dropout masks, with the seed: the same (seed, step) gives the
   * same masks, also after a resume. Use the micro-batch counter under accumulation.
   */
  readonly step: number;
}

/** Options of {@link TrainStepSession.applyGrads}. */
export interface ApplyGradsOptions {
  /** Learning rate of this update (default the optimizer's). */
  readonly lr?: number;
  /** Clip the global gradient norm to this first (HF `max_grad_norm`). */
  readonly maxGradNorm?: number;
}

/** Options of {@link TrainStepSession.step}. */
export interface TrainStepOptions extends GradStepOptions, ApplyGradsOptions {}

/** Loss, logits and gradients of one batch. */
export interface GradResult {
  /** The batch's loss. */
  readonly loss: number;
  /** Logits (fresh array). */
  readonly logits: Float32Array;
  /** One gradient per parameter (fresh arrays, yours to modify). */
  readonly grads: ParamArrays;
  /** Milliseconds in ORT's run (including the output copies). */
  readonly runMs: number;
  /** Milliseconds making dropout masks (host mode). */
  readonly maskMs: number;
}

/** The outcome of one training step. */
export interface TrainStepResult {
  /** The batch's loss before the update. */
  readonly loss: number;
  /** The global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Milliseconds in ORT's run. */
  readonly runMs: number;
  /** Milliseconds making dropout masks. */
  readonly maskMs: number;
  /** Milliseconds clipping and in the optimizer. */
  readonly optimizerMs: number;
}

/** Loss (when the evaluation model has one) and logits of one batch. */
export interface EvalResult {
  /** The batch's loss, or NaN when the evaluation model outputs only logits. */
  readonly loss: number;
  /** Logits (fresh array). */
  readonly logits: Float32Array;
}

function scalar(out: OutputMap, name: string): number {
  const t = out[name];
  if (t === undefined) throw new TrainError(`Cannot read "${name}": the model did not return it`);
  return float32Data(t)[0];
}

/**
 * A training step bound to parameter arrays and an optimizer. The parameters are fed zero-copy
 * and updated in place, so the arrays you passed always hold the current weights.
 */
export class TrainStepSession {
  readonly #compiled: CompiledTrainStep;
  readonly #train: OrtSession;
  readonly #eval: OrtSession;
  readonly #params: ParamArrays;
  readonly #optimizer: Optimizer;
  readonly #seed: number;
  readonly #masks: Record<string, Float32Array>;
  readonly #trainInputs: ReadonlySet<string>;
  #accumulator: GradAccumulator | undefined;

  private constructor(
    compiled: CompiledTrainStep,
    sessions: readonly [OrtSession, OrtSession],
    params: ParamArrays,
    optimizer: Optimizer,
    seed: number,
  ) {
    this.#compiled = compiled;
    [this.#train, this.#eval] = sessions;
    this.#params = params;
    this.#optimizer = optimizer;
    this.#seed = seed;
    this.#trainInputs = new Set(sessions[0].inputNames);
    this.#masks = compiled.dropoutMode === "host"
      ? allocateDropoutMasks(compiled.dropoutSites)
      : {};
  }

  /** Encodes both models and creates their sessions; checks `params` against the model. */
  static async create(
    compiled: CompiledTrainStep,
    params: ParamArrays,
    optimizer: Optimizer,
    options: TrainStepSessionOptions = {},
  ): Promise<TrainStepSession> {
    for (const p of compiled.params) {
      const value = params[p.name];
      const n = p.shape.reduce((a, b) => a * b, 1);
      if (value === undefined || value.length !== n) {
        throw new TrainError(
          `Cannot bind parameter "${p.name}": expected ${n} values [${p.shape}], got ` +
            `${value === undefined ? "none" : value.length}`,
        );
      }
    }
    const sessionOptions = { allowSpinning: false, ...options.session };
    const train = await createOrtSession(encodeModel(compiled.trainModel), sessionOptions);
    const evaluation = await createOrtSession(encodeModel(compiled.evalModel), sessionOptions);
    return new TrainStepSession(
      compiled,
      [train, evaluation],
      params,
      optimizer,
      options.seed ?? 0,
    );
  }

  /** The parameters (the arrays given to {@link create}, updated in place). */
  get params(): ParamArrays {
    return this.#params;
  }

  /** The optimizer (for its state and step count). */
  get optimizer(): Optimizer {
    return this.#optimizer;
  }

  #paramFeeds(feeds: Record<string, FeedTensor>, names: ReadonlySet<string>): void {
    for (const p of this.#compiled.params) {
      if (names.has(p.name)) feeds[p.name] = { data: this.#params[p.name], dims: p.shape };
    }
  }

  /** Loss, logits and gradients of one batch, parameters unchanged. */
  async computeGrads(batch: FeedMap, options: GradStepOptions): Promise<GradResult> {
    const c = this.#compiled;
    const feeds: Record<string, FeedTensor> = { ...batch };
    this.#paramFeeds(feeds, this.#trainInputs);
    const t0 = performance.now();
    if (c.dropoutSites.length > 0) {
      if (c.dropoutMode === "host") {
        fillDropoutMasks(this.#masks, c.dropoutSites, this.#seed, options.step);
        for (const s of c.dropoutSites) {
          feeds[s.name] = { data: this.#masks[s.name], dims: s.shape };
        }
      } else {
        const keys = dropoutKeys(this.#seed, options.step, c.dropoutSites.length);
        feeds[DROPOUT_KEYS_INPUT] = { data: keys, dims: [keys.length] };
      }
    }
    const t1 = performance.now();
    const out = await this.#train.run(feeds);
    const t2 = performance.now();
    const grads: Record<string, Float32Array> = {};
    for (const p of c.params) grads[p.name] = float32Data(out[`${GRAD_PREFIX}${p.name}`]);
    return {
      loss: scalar(out, "loss"),
      logits: float32Data(out.logits),
      grads,
      runMs: t2 - t1,
      maskMs: t1 - t0,
    };
  }

  /**
   * Applies `grads` with the optimizer, clipped to `maxGradNorm` (folded into the update as a
   * gradient scale; `grads` are left as they are). Returns the global norm before clipping.
   */
  applyGrads(grads: ParamArrays, options: ApplyGradsOptions = {}): number {
    const norm = gradNorm(grads);
    const gradScale = options.maxGradNorm === undefined
      ? 1
      : clipCoefficient(norm, options.maxGradNorm);
    this.#optimizer.step(grads, { gradScale, ...(options.lr !== undefined && { lr: options.lr }) });
    return norm;
  }

  /**
   * One optimizer step: gradients of `batch` — or the mean gradient of several micro-batches
   * (gradient accumulation; micro-batch `i` uses dropout step `step·K + i`) — then clipping and
   * the update. The loss is the mean of the micro-batch losses.
   */
  async step(
    batch: FeedMap | readonly FeedMap[],
    options: TrainStepOptions,
  ): Promise<TrainStepResult> {
    const batches: readonly FeedMap[] = Array.isArray(batch) ? batch : [batch as FeedMap];
    const k = batches.length;
    if (k === 0) throw new TrainError("Cannot take a train step: no batch was given");
    let loss = 0, runMs = 0, maskMs = 0;
    let grads: ParamArrays | undefined;
    for (let i = 0; i < k; i++) {
      const r = await this.computeGrads(batches[i], {
        step: k === 1 ? options.step : options.step * k + i,
      });
      loss += r.loss / k;
      runMs += r.runMs;
      maskMs += r.maskMs;
      if (k === 1) grads = r.grads;
      else (this.#accumulator ??= this.#newAccumulator()).add(r.grads);
    }
    const t0 = performance.now();
    const norm = this.applyGrads(grads ?? this.#accumulator!.mean(), options);
    return { loss, gradNorm: norm, runMs, maskMs, optimizerMs: performance.now() - t0 };
  }

  #newAccumulator(): GradAccumulator {
    const sizes: Record<string, number> = {};
    for (const p of this.#compiled.params) sizes[p.name] = this.#params[p.name].length;
    return new GradAccumulator(sizes);
  }

  /** Loss and logits of one batch with the evaluation model (no dropout, no gradients). */
  async evaluate(batch: FeedMap): Promise<EvalResult> {
    const feeds: Record<string, FeedTensor> = {};
    const declared = new Set(this.#eval.inputNames);
    for (const [k, v] of Object.entries(batch)) if (declared.has(k)) feeds[k] = v;
    this.#paramFeeds(feeds, declared);
    const out = await this.#eval.run(feeds);
    return {
      loss: out.loss === undefined ? Number.NaN : scalar(out, "loss"),
      logits: float32Data(out.logits),
    };
  }

  /** Releases both sessions. */
  async release(): Promise<void> {
    await this.#train.release();
    await this.#eval.release();
  }
}
