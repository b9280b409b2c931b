/**
 * How much does metric logging cost a training step?
 *
 * Logs 100,000 metric points (1,000 steps × 100 metric keys) to an MLflow file store in a temp
 * dir, three ways: buffered with a flush at every step boundary (how the trainer logs), buffered
 * with a flush every 10 steps, and unbuffered (one `write` per point on the kept-open file); plus,
 * for reference, plain open/append/close per point (MLflow's own FileStore way). Each way runs REPEATS times; the figures are the median with the min–max range as
 * the noise. Overhead is per step against a nominal 350 ms training step with 100 metrics.
 *
 *   deno task bench:tracking
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { openMlflowStore } from "../lib/tracking/mod.ts";

const STEPS = 1000;
const KEYS = 100;
const REPEATS = 3;
const NOMINAL_STEP_MS = 350;

interface Mode {
  readonly name: string;
  readonly bufferSize: number;
  readonly flushEvery: number;
}

const MODES: readonly Mode[] = [
  { name: "buffered, flush every step", bufferSize: 1_000_000, flushEvery: 1 },
  { name: "buffered, flush every 10 steps", bufferSize: 1_000_000, flushEvery: 10 },
  { name: "unbuffered (write per point)", bufferSize: 0, flushEvery: 1 },
];

const keys = Array.from(
  { length: KEYS },
  (_, k) => (k % 2 ? `train/metric_${k}` : `val/metric_${k}`),
);

async function once(mode: Mode): Promise<number> {
  const root = await Deno.makeTempDir({ prefix: "tracking-bench-" });
  try {
    const store = openMlflowStore(root, { metricBufferSize: mode.bufferSize });
    const run = store.startRun({ runName: mode.name });
    const t0 = performance.now();
    for (let step = 0; step < STEPS; step++) {
      const timestamp = 1_700_000_000_000 + step;
      for (let k = 0; k < KEYS; k++) {
        run.logMetric(keys[k], Math.sin(step * 0.01 + k), { step, timestamp });
      }
      if ((step + 1) % mode.flushEvery === 0) run.flush();
    }
    run.end();
    return performance.now() - t0;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

function cpuModel(): string {
  try {
    return cpus()[0]?.model ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}

/** MLflow FileStore's own way, for reference: open, append one line, close — per point. */
async function naive(): Promise<number> {
  const root = await Deno.makeTempDir({ prefix: "tracking-bench-" });
  try {
    for (const key of keys) Deno.mkdirSync(join(root, key, ".."), { recursive: true });
    const t0 = performance.now();
    for (let step = 0; step < STEPS; step++) {
      const timestamp = 1_700_000_000_000 + step;
      for (let k = 0; k < KEYS; k++) {
        const line = `${timestamp} ${Math.sin(step * 0.01 + k)} ${step}\n`;
        Deno.writeTextFileSync(join(root, keys[k]), line, { append: true });
      }
    }
    return performance.now() - t0;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const points = STEPS * KEYS;
console.log(
  `tracking bench: ${points.toLocaleString("en")} metric points = ${STEPS} steps × ${KEYS} keys`,
);
console.log(
  `machine: ${cpuModel()}, ${navigator.hardwareConcurrency} logical CPUs, ${Deno.build.os}/${Deno.build.arch}, ` +
    `Deno ${Deno.version.deno}; ${REPEATS} repeats, median [min–max]\n`,
);
await once(MODES[0]); // warm-up (JIT, file-system caches)
const rows: string[][] = [[
  "mode",
  "total ms",
  "µs/point",
  "ms/step",
  `share of ${NOMINAL_STEP_MS} ms step`,
]];
for (const mode of [...MODES, undefined]) {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) times.push(mode ? await once(mode) : await naive());
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const perStep = median / STEPS;
  rows.push([
    mode?.name ?? "reference: open/append/close per point",
    `${median.toFixed(0)} [${times[0].toFixed(0)}–${times.at(-1)!.toFixed(0)}]`,
    ((median * 1000) / points).toFixed(2),
    perStep.toFixed(3),
    `${((perStep / NOMINAL_STEP_MS) * 100).toFixed(3)} %`,
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join("  "));
console.log(
  "\nms/step = time to log (and write) one step's 100 metrics; the share is that time over a " +
    `nominal ${NOMINAL_STEP_MS} ms training step. The machine is shared, so expect ±20 % noise.`,
);
