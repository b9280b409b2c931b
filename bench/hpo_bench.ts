/**
 * HPO sampler benchmark: best value found after 100 trials (mean ± std over seeds) on Branin,
 * Hartmann-6 and a mixed log/int/categorical space with conditional branches, for random search
 * and the TPE variants; plus the sampler's own time per trial (the objective is not timed).
 *
 *   deno task bench:hpo                       # 100 trials × 10 seeds
 *   deno task bench:hpo -- --trials 50 --seeds 3
 *
 * Each trial runs Optuna's define-by-run protocol against the sampler directly (relative search
 * space → relative sample → an independent sample per suggested name the relative result lacks),
 * so the timings are the sampler's alone. Results also go to outputs/bench/hpo_bench.json.
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { mkdirSync, writeFileSync } from "node:fs";
import {
  categoricalDistribution,
  distributionsCompatible,
  floatDistribution,
  intDistribution,
  isSingleValued,
  randomSampler,
  tpeSampler,
} from "../lib/hpo/mod.ts";
import type {
  Distribution,
  FrozenTrial,
  ParamValue,
  Sampler,
  StudyView,
  TrialState,
} from "../lib/hpo/mod.ts";

type Suggest = (name: string, distribution: Distribution) => ParamValue;

interface Problem {
  readonly name: string;
  readonly optimum: number;
  readonly objective: (suggest: Suggest) => number;
}

function branin(suggest: Suggest): number {
  const x1 = suggest("x1", floatDistribution(-5, 10)) as number;
  const x2 = suggest("x2", floatDistribution(0, 15)) as number;
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((p) => p * 1e-4));

function hartmann6(suggest: Suggest): number {
  const x = Array.from(
    { length: 6 },
    (_, j) => suggest(`x${j}`, floatDistribution(0, 1)) as number,
  );
  let f = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += H_A[i][j] * (x[j] - H_P[i][j]) ** 2;
    f -= H_ALPHA[i] * Math.exp(-inner);
  }
  return f;
}

/**
 * A fine-tuning-like space: log-scale learning rate and batch size, a stepped dropout, an
 * optimizer choice with SGD-only parameters, and LoRA parameters only when LoRA is on.
 * Minimum 0.09 (sgd, momentum 0.9, nesterov, lr 10^−1.5, batch 32, dropout 0.1, LoRA r 16,
 * alpha 32).
 */
function mixed(suggest: Suggest): number {
  const lr = suggest("lr", floatDistribution(1e-5, 1e-1, { log: true })) as number;
  const batch = suggest("batch_size", intDistribution(8, 512, { log: true })) as number;
  const dropout = suggest("dropout", floatDistribution(0, 0.5, { step: 0.05 })) as number;
  const optimizer = suggest("optimizer", categoricalDistribution(["adamw", "sgd", "adafactor"]));
  let err = 0.1 + 0.02 * (Math.log2(batch) - 5) ** 2 + 0.3 * (dropout - 0.1) ** 2;
  let bestLr = -3.5;
  if (optimizer === "sgd") {
    bestLr = -1.5;
    const momentum = suggest("sgd.momentum", floatDistribution(0, 0.99)) as number;
    const nesterov = suggest("sgd.nesterov", categoricalDistribution([true, false]));
    err += 0.2 * (momentum - 0.9) ** 2 - (nesterov ? 0.01 : 0);
  } else if (optimizer === "adafactor") {
    bestLr = -2.5;
    err += 0.03;
  }
  err += 0.05 * (Math.log10(lr) - bestLr) ** 2;
  if (suggest("lora.enabled", categoricalDistribution([true, false]))) {
    const r = suggest("lora.r", intDistribution(2, 128, { log: true })) as number;
    const alpha = suggest("lora.alpha", intDistribution(8, 64, { step: 8 })) as number;
    err += 0.01 * (Math.log2(r) - 4) ** 2 + 1e-4 * (alpha - 2 * r) ** 2;
  } else {
    err += 0.02;
  }
  return err;
}

const PROBLEMS: readonly Problem[] = [
  { name: "branin (2-D)", optimum: 0.397887, objective: branin },
  { name: "hartmann6 (6-D)", optimum: -3.32237, objective: hartmann6 },
  { name: "mixed+conditional (9 params)", optimum: 0.09, objective: mixed },
];

const SAMPLERS: readonly [string, (seed: number) => Sampler][] = [
  ["random", (seed) => randomSampler({ seed })],
  ["tpe univariate", (seed) => tpeSampler({ seed })],
  ["tpe multivariate", (seed) => tpeSampler({ seed, multivariate: true })],
  ["tpe multivariate+group", (seed) => tpeSampler({ seed, multivariate: true, group: true })],
  [
    "tpe mv+group, scott bw",
    (seed) => tpeSampler({ seed, multivariate: true, group: true, bandwidth: "scott" }),
  ],
];

interface RunResult {
  readonly best: number;
  /** Best value after 10, 25 and 50 trials. */
  readonly bestAt: readonly number[];
  /** Sampler wall-clock milliseconds of each trial. */
  readonly ms: readonly number[];
  /** Sampler CPU milliseconds (user + system, whole process) of each trial. */
  readonly cpuMs: readonly number[];
}

/** Runs one study of `nTrials` sequential trials, timing only the sampler's calls. */
function runStudy(sampler: Sampler, objective: Problem["objective"], nTrials: number): RunResult {
  const trials: FrozenTrial[] = [];
  const study: StudyView = {
    studyName: "bench",
    direction: "minimize",
    trials: (states?: readonly TrialState[]) =>
      states === undefined ? trials : trials.filter((t) => states.includes(t.state)),
  };
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const bestAt: number[] = [];
  let best = Infinity;
  for (let n = 0; n < nTrials; n++) {
    let current: FrozenTrial = {
      number: n,
      trialId: n,
      state: "RUNNING",
      value: null,
      params: {},
      distributions: {},
      intermediateValues: new Map(),
      userAttrs: {},
      systemAttrs: {},
      datetimeStart: null,
      datetimeComplete: null,
    };
    trials.push(current);
    let spent = 0;
    let cpu = 0;
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const space = sampler.inferRelativeSearchSpace(study, current);
    const relative = sampler.sampleRelative(study, current, space);
    spent += performance.now() - t0;
    cpu += cpuMsSince(c0);
    const suggest: Suggest = (name, distribution) => {
      let value: ParamValue;
      if (name in relative && name in space && distributionsCompatible(space[name], distribution)) {
        value = relative[name];
      } else if (isSingleValued(distribution)) {
        value = distribution.kind === "categorical" ? distribution.choices[0] : distribution.low;
      } else {
        t0 = performance.now();
        c0 = process.cpuUsage();
        value = sampler.sampleIndependent(study, current, name, distribution);
        spent += performance.now() - t0;
        cpu += cpuMsSince(c0);
      }
      current = {
        ...current,
        params: { ...current.params, [name]: value },
        distributions: { ...current.distributions, [name]: distribution },
      };
      trials[n] = current;
      return value;
    };
    const value = objective(suggest);
    trials[n] = { ...current, state: "COMPLETE", value };
    ms.push(spent);
    cpuMs.push(cpu);
    best = Math.min(best, value);
    if (n + 1 === 10 || n + 1 === 25 || n + 1 === 50) bestAt.push(best);
  }
  return { best, bestAt, ms, cpuMs };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function meanStd(xs: readonly number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return [mean, Math.sqrt(variance)];
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 || Math.abs(x) < 0.01 ? x.toExponential(2) : x.toFixed(4);
}

/** Runs the benchmark and prints the table. */
export function main(args: readonly string[]): void {
  const { values } = parseArgs({
    args: [...args],
    options: {
      trials: { type: "string", default: "100" },
      seeds: { type: "string", default: "10" },
    },
  });
  const nTrials = Number(values.trials);
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
  console.log(
    `hpo sampler benchmark: ${nTrials} trials × ${seeds.length} seeds (${seeds.join(", ")}); ` +
      `Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ${Deno.build.os}/${Deno.build.arch}, ` +
      `${navigator.hardwareConcurrency} logical CPUs`,
  );
  const started = performance.now();
  const rows: Record<string, unknown>[] = [];
  for (const problem of PROBLEMS) {
    console.log(`\n${problem.name} — known minimum ${problem.optimum}`);
    console.log(
      "sampler".padEnd(24) + `best@${nTrials} mean ± std`.padEnd(24) + "best@25".padEnd(11) +
        "best@50".padEnd(11) + "wall ms/trial: all, last 10".padEnd(30) +
        "cpu ms/trial: all, last 10",
    );
    for (const [name, make] of SAMPLERS) {
      const runs = seeds.map((seed) => runStudy(make(seed), problem.objective, nTrials));
      const [mean, std] = meanStd(runs.map((r) => r.best));
      const at25 = meanStd(runs.map((r) => r.bestAt[1] ?? r.best))[0];
      const at50 = meanStd(runs.map((r) => r.bestAt[2] ?? r.best))[0];
      const allMs = meanStd(runs.flatMap((r) => r.ms))[0];
      const lateMs = meanStd(runs.flatMap((r) => r.ms.slice(-10)))[0];
      const allCpu = meanStd(runs.flatMap((r) => r.cpuMs))[0];
      const lateCpu = meanStd(runs.flatMap((r) => r.cpuMs.slice(-10)))[0];
      console.log(
        name.padEnd(24) + `${fmt(mean)} ± ${fmt(std)}`.padEnd(24) + fmt(at25).padEnd(11) +
          fmt(at50).padEnd(11) + `${allMs.toFixed(3)}, ${lateMs.toFixed(3)}`.padEnd(30) +
          `${allCpu.toFixed(3)}, ${lateCpu.toFixed(3)}`,
      );
      rows.push({
        problem: problem.name,
        sampler: name,
        mean,
        std,
        at25,
        at50,
        wallMs: { all: allMs, last10: lateMs },
        cpuMs: { all: allCpu, last10: lateCpu },
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\ntotal ${seconds.toFixed(1)} s (the machine is shared: timings carry its noise)`);
  mkdirSync("outputs/bench", { recursive: true });
  writeFileSync(
    "outputs/bench/hpo_bench.json",
    JSON.stringify({ nTrials, seeds, seconds, rows }, null, 2) + "\n",
  );
}

if (import.meta.main) main(Deno.args);
