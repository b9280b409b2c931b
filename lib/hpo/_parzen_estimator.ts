/**
 * TPE's Parzen estimator: a mixture with one component per observation (in trial-number order)
 * plus a prior component (last), each a product over dimensions of truncated-normal kernels
 * (numeric) or probability rows (categorical). One estimator models l(x) (the good trials),
 * another g(x) (the rest). With one dimension it is the univariate estimator.
 *
 * Numeric dimensions live in a transformed coordinate on a support [lower, upper]:
 *
 * | distribution        | coordinate | support                              | density of a value v |
 * | ------------------- | ---------- | ------------------------------------ | -------------------- |
 * | float               | v          | [low, high]                          | truncnorm pdf        |
 * | float, log          | ln v       | [ln low, ln high]                    | truncnorm pdf        |
 * | float step q, int   | v          | [low − q/2, high + q/2]              | mass on v ± q/2      |
 * | int, log            | ln v       | [ln(low − ½), ln(high + ½)]          | mass on [ln(v−½), ln(v+½)] |
 *
 * Bandwidths follow Optuna 4.9/5.0 (`bandwidth: "neighbour"`): each kernel's σ is the larger gap
 * to its sorted neighbours (the support ends act as neighbours, except that without
 * `considerEndpoints` the outermost of ≥ 2 centres use their inner gap only; the prior centre
 * takes no part), clipped to [(upper − lower)/min(100, m + 2), upper − lower] ("magic clip").
 * `bandwidth: "scott"` is Optuna 3.1–4.9's multivariate rule `0.2·max(m,1)^(−1/(D+4))·(upper −
 * lower)` with the same clip. The prior kernel is centred mid-support with σ = upper − lower.
 *
 * All maths on Float64Arrays; every draw comes from the `Prng` passed in.
 *
 * @module
 */
import type { Prng } from "../random/mod.ts";
import { logGaussMass, logNormalPdf, truncnormPpf } from "./_truncnorm.ts";
import type { Distribution } from "./types.ts";

/** How the estimator sets its kernels (see the module doc). */
export interface ParzenEstimatorOptions {
  readonly priorWeight: number;
  readonly considerMagicClip: boolean;
  readonly considerEndpoints: boolean;
  readonly bandwidth: "neighbour" | "scott";
  /** Mixture weights of m observations, oldest first (Optuna's `weights(m)`). */
  readonly weights: (m: number) => ArrayLike<number>;
}

/** A numeric dimension's kernels: K = m + 1 truncated normals in the transformed coordinate. */
export interface NumericKernels {
  readonly kind: "numeric";
  readonly distribution: Exclude<Distribution, { kind: "categorical" }>;
  /** "none" continuous, "step" a linear grid, "logint" integers on a log scale. */
  readonly discrete: "none" | "step" | "logint";
  /** Grid spacing of a "step" dimension (0 otherwise). */
  readonly step: number;
  readonly lower: number;
  readonly upper: number;
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** ln of each kernel's normal mass on [lower, upper] (its truncation constant). */
  readonly logNorms: Float64Array;
}

/** A categorical dimension's kernels: K rows of C probabilities, row-major. */
export interface CategoricalKernels {
  readonly kind: "categorical";
  readonly nChoices: number;
  /** Probabilities, row-major [K, C]. */
  readonly probs: Float64Array;
}

/** A mixture over K components, each a product of its per-dimension kernels. */
export interface ParzenEstimator {
  /** Normalised component weights [K]; the last component is the prior. */
  readonly weights: Float64Array;
  readonly dims: readonly (NumericKernels | CategoricalKernels)[];
}

/** Optuna's default `weights(m)`: all 1 below 25, else a ramp 1/m … 1 then 25 ones. */
export function defaultWeights(m: number): Float64Array {
  const w = new Float64Array(m).fill(1);
  if (m >= 25) {
    const n = m - 25;
    for (let i = 0; i < n; i++) w[i] = n === 1 ? 1 / m : 1 / m + (1 - 1 / m) * i / (n - 1);
  }
  return w;
}

/** Transformed coordinate of a numeric value (ln for log scales). */
function coordinate(distribution: NumericKernels["distribution"], value: number): number {
  return distribution.log ? Math.log(value) : value;
}

function supportOf(
  distribution: NumericKernels["distribution"],
): [lower: number, upper: number, discrete: NumericKernels["discrete"]] {
  const { low, high, log, step } = distribution;
  if (distribution.kind === "int" && log) {
    return [Math.log(low - 0.5), Math.log(high + 0.5), "logint"];
  }
  if (log) return [Math.log(low), Math.log(high), "none"];
  if (step === null) return [low, high, "none"];
  return [low - step / 2, high + step / 2, "step"];
}

/** σ by the neighbour rule, for centres `mus` (length m ≥ 1) on [lower, upper]. */
function neighbourSigmas(
  mus: Float64Array,
  lower: number,
  upper: number,
  considerEndpoints: boolean,
): Float64Array {
  const m = mus.length;
  const order = Array.from(mus.keys()).sort((a, b) => mus[a] - mus[b]);
  const sigmas = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const left = r === 0 ? lower : mus[order[r - 1]];
    const right = r === m - 1 ? upper : mus[order[r + 1]];
    const x = mus[order[r]];
    let sigma = Math.max(x - left, right - x);
    if (!considerEndpoints && m >= 2) {
      if (r === 0) sigma = right - x;
      else if (r === m - 1) sigma = x - left;
    }
    sigmas[order[r]] = sigma;
  }
  return sigmas;
}

function numericKernels(
  distribution: NumericKernels["distribution"],
  observed: Float64Array,
  nDims: number,
  options: ParzenEstimatorOptions,
): NumericKernels {
  const [lower, upper, discrete] = supportOf(distribution);
  const m = observed.length;
  const width = upper - lower;
  const mus = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) mus[i] = coordinate(distribution, observed[i]);
  const obs = mus.subarray(0, m);
  let sigmas: Float64Array;
  if (options.bandwidth === "scott") {
    sigmas = new Float64Array(m).fill(0.2 * Math.pow(Math.max(m, 1), -1 / (nDims + 4)) * width);
  } else {
    sigmas = neighbourSigmas(obs, lower, upper, options.considerEndpoints);
  }
  const minSigma = options.considerMagicClip ? width / Math.min(100, m + 2) : 1e-12;
  const all = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) all[i] = Math.min(width, Math.max(minSigma, sigmas[i]));
  mus[m] = 0.5 * (lower + upper);
  all[m] = width;
  const logNorms = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) {
    logNorms[j] = logGaussMass((lower - mus[j]) / all[j], (upper - mus[j]) / all[j]);
    if (!Number.isFinite(logNorms[j])) {
      // An observation far outside today's range (the range changed) with a kernel too narrow to
      // reach it: move the centre onto the nearer end so the kernel keeps mass in the range.
      mus[j] = Math.min(upper, Math.max(lower, mus[j]));
      logNorms[j] = logGaussMass((lower - mus[j]) / all[j], (upper - mus[j]) / all[j]);
    }
  }
  const step = discrete === "step" ? distribution.step ?? 1 : 0;
  return {
    kind: "numeric",
    distribution,
    discrete,
    step,
    lower,
    upper,
    mus,
    sigmas: all,
    logNorms,
  };
}

function categoricalKernels(
  nChoices: number,
  observed: Float64Array,
  priorWeight: number,
): CategoricalKernels {
  const m = observed.length;
  const probs = new Float64Array((m + 1) * nChoices);
  const base = priorWeight / (m + 1);
  const rowSum = base * nChoices + 1;
  for (let j = 0; j < m; j++) {
    probs.fill(base / rowSum, j * nChoices, (j + 1) * nChoices);
    probs[j * nChoices + observed[j]] = (base + 1) / rowSum;
  }
  probs.fill(1 / nChoices, m * nChoices);
  return { kind: "categorical", nChoices, probs };
}

/**
 * Builds the mixture for `space` (one distribution per dimension) from `observations[d][i]`, the
 * internal value (number, or choice index) of dimension d in the i-th observation (oldest first).
 */
export function buildParzenEstimator(
  space: readonly Distribution[],
  observations: readonly Float64Array[],
  options: ParzenEstimatorOptions,
): ParzenEstimator {
  const m = observations.length > 0 ? observations[0].length : 0;
  const weights = new Float64Array(m + 1);
  if (m === 0) {
    weights[0] = 1;
  } else {
    weights.set(options.weights(m));
    weights[m] = options.priorWeight;
    const total = weights.reduce((a, b) => a + b, 0);
    for (let j = 0; j <= m; j++) weights[j] /= total;
  }
  const dims = space.map((distribution, d) =>
    distribution.kind === "categorical"
      ? categoricalKernels(distribution.choices.length, observations[d], options.priorWeight)
      : numericKernels(distribution, observations[d], space.length, options)
  );
  return { weights, dims };
}

/** The external numeric value for a draw `t` in the transformed coordinate. */
function fromCoordinate(kernels: NumericKernels, t: number): number {
  const { low, high } = kernels.distribution;
  let v: number;
  if (kernels.discrete === "logint") v = Math.round(Math.exp(t));
  else if (kernels.discrete === "step") {
    v = low + Math.round((t - low) / kernels.step) * kernels.step;
  } else v = kernels.distribution.log ? Math.exp(t) : t;
  if (kernels.distribution.kind === "int") v = Math.round(v);
  return Math.min(high, Math.max(low, v));
}

/**
 * Draws `n` samples: per sample one component index (shared by all dimensions), then each
 * dimension from that component. Returns internal values per dimension: `[D][n]`.
 */
export function sampleParzenEstimator(
  estimator: ParzenEstimator,
  prng: Prng,
  n: number,
): Float64Array[] {
  const { weights, dims } = estimator;
  const components = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let u = prng.float();
    let j = 0;
    while (j < weights.length - 1 && u >= weights[j]) u -= weights[j++];
    components[i] = j;
  }
  return dims.map((kernels) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = components[i];
      const u = prng.float();
      if (kernels.kind === "categorical") {
        const row = j * kernels.nChoices;
        let c = 0;
        let acc = kernels.probs[row];
        while (c < kernels.nChoices - 1 && u >= acc) acc += kernels.probs[row + ++c];
        out[i] = c;
      } else {
        const mu = kernels.mus[j];
        const sigma = kernels.sigmas[j];
        const z = truncnormPpf(u, (kernels.lower - mu) / sigma, (kernels.upper - mu) / sigma);
        out[i] = fromCoordinate(kernels, mu + sigma * z);
      }
    }
    return out;
  });
}

/** The interval in the transformed coordinate that a discrete value stands for. */
function cell(kernels: NumericKernels, v: number): [number, number] {
  if (kernels.discrete === "logint") return [Math.log(v - 0.5), Math.log(v + 0.5)];
  return [v - kernels.step / 2, v + kernels.step / 2];
}

/** Adds each component's log kernel at every sample to `acc` ([n, K] row-major). */
function addLogKernels(
  kernels: NumericKernels | CategoricalKernels,
  values: Float64Array,
  acc: Float64Array,
  nComponents: number,
): void {
  const n = values.length;
  if (kernels.kind === "categorical") {
    const logProbs = kernels.probs.map(Math.log);
    for (let i = 0; i < n; i++) {
      const c = values[i];
      for (let j = 0; j < nComponents; j++) {
        acc[i * nComponents + j] += logProbs[j * kernels.nChoices + c];
      }
    }
    return;
  }
  const { mus, sigmas, logNorms } = kernels;
  if (kernels.discrete === "none") {
    const consts = new Float64Array(nComponents);
    for (let j = 0; j < nComponents; j++) {
      consts[j] = logNormalPdf(0) - Math.log(sigmas[j]) - logNorms[j];
    }
    for (let i = 0; i < n; i++) {
      const t = coordinate(kernels.distribution, values[i]);
      for (let j = 0; j < nComponents; j++) {
        const z = (t - mus[j]) / sigmas[j];
        acc[i * nComponents + j] += consts[j] - 0.5 * z * z;
      }
    }
    return;
  }
  // Discrete: one row of log masses per distinct value (candidates often repeat a grid value).
  const rowOf = new Map<number, number>();
  const slots = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let row = rowOf.get(values[i]);
    if (row === undefined) rowOf.set(values[i], row = rowOf.size);
    slots[i] = row;
  }
  const table = new Float64Array(rowOf.size * nComponents);
  for (const [value, row] of rowOf) {
    const [a, b] = cell(kernels, value);
    for (let j = 0; j < nComponents; j++) {
      const mass = logGaussMass((a - mus[j]) / sigmas[j], (b - mus[j]) / sigmas[j]);
      table[row * nComponents + j] = mass - logNorms[j];
    }
  }
  for (let i = 0; i < n; i++) {
    const row = slots[i] * nComponents;
    for (let j = 0; j < nComponents; j++) acc[i * nComponents + j] += table[row + j];
  }
}

/** ln p(x) of each sample (`samples[d][i]`, internal values) under the mixture. */
export function logDensity(
  estimator: ParzenEstimator,
  samples: readonly Float64Array[],
): Float64Array {
  const { weights, dims } = estimator;
  const k = weights.length;
  const n = samples.length > 0 ? samples[0].length : 0;
  const acc = new Float64Array(n * k);
  dims.forEach((kernels, d) => addLogKernels(kernels, samples[d], acc, k));
  const logWeights = weights.map(Math.log);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      acc[i * k + j] += logWeights[j];
      if (acc[i * k + j] > max) max = acc[i * k + j];
    }
    if (max === -Infinity) {
      out[i] = -Infinity;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(acc[i * k + j] - max);
    out[i] = max + Math.log(sum);
  }
  return out;
}
