/**
 * Central finite-difference checks of gradient rules, executed in ONNX Runtime: a case builds an
 * output `y` from seeded random inputs; the loss is Σ y·R for a fixed random R (so every output
 * element matters); the analytic gradients from `gradients()` are compared per element with
 * (L(x+ε) − L(x−ε)) / 2ε.
 */
import {
  type ConstantData,
  GraphBuilder,
  type GraphDType,
  ops,
  type SymTensor,
} from "../../lib/graph/mod.ts";
import { gradients } from "../../lib/autodiff/mod.ts";
import {
  createOrtSession,
  encodeModel,
  type FeedMap,
  lowerGraph,
  type OrtSession,
} from "../../lib/onnx/mod.ts";
import { Prng } from "../../lib/random/mod.ts";

/** One input of a case. */
export interface FdInput {
  readonly name: string;
  readonly shape: readonly number[];
  /** Default: the case's float dtype. */
  readonly dtype?: GraphDType;
  /** Fixed contents (needed for int and bool inputs). */
  readonly data?: ConstantData;
  /** Range of the uniform random contents (default [-1, 1]). */
  readonly range?: readonly [number, number];
  /** Whether to differentiate with respect to it (default: float inputs). */
  readonly grad?: boolean;
}

/** One finite-difference case. */
export interface FdCase {
  readonly name: string;
  readonly inputs: readonly FdInput[];
  readonly build: (x: Readonly<Record<string, SymTensor>>, g: GraphBuilder) => SymTensor;
  /** Float type of the check (default float64; float32 for kernels ORT lacks in double). */
  readonly dtype?: "float32" | "float64";
  /** Seed of the random inputs. */
  readonly seed?: number;
}

/** One element whose analytic and numeric gradients disagree. */
export interface FdMismatch {
  readonly input: string;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
}

/** Result of a check: the worst relative error and any mismatches. */
export interface FdReport {
  readonly checked: number;
  readonly mismatches: readonly FdMismatch[];
  /** Backward-graph ops, for asserting what a rule emitted. */
  readonly ops: readonly string[];
}

function randomData(dtype: GraphDType, n: number, range: readonly [number, number], prng: Prng) {
  const values = Array.from({ length: n }, () => prng.uniform(range[0], range[1]));
  return dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values);
}

function feed(t: SymTensor, data: ConstantData) {
  return { data, dims: t.shape, ...(t.dtype === "bool" ? { dataType: "bool" as const } : {}) };
}

async function lossAt(session: OrtSession, feeds: FeedMap): Promise<number> {
  const out = await session.run(feeds, ["loss"]);
  return Number(out.loss.data[0]);
}

/** Runs a finite-difference check of `c` and reports mismatches. */
export async function checkGradients(c: FdCase): Promise<FdReport> {
  const dtype = c.dtype ?? "float64";
  const prng = new Prng(c.seed ?? 7);
  const g = new GraphBuilder(c.name.replace(/\W+/g, "_"));
  const tensors: Record<string, SymTensor> = {};
  const data: Record<string, ConstantData> = {};
  const wrt: SymTensor[] = [];
  for (const inp of c.inputs) {
    const dt = inp.dtype ?? dtype;
    const t = g.input(inp.name, dt, inp.shape);
    tensors[inp.name] = t;
    const n = inp.shape.reduce((a, b) => a * b, 1);
    data[inp.name] = inp.data ?? randomData(dt, n, inp.range ?? [-1, 1], prng);
    if (inp.grad ?? (dt === "float32" || dt === "float64")) wrt.push(t);
  }
  const y = c.build(tensors, g);
  const r = g.constant(
    "R",
    randomData(y.dtype, y.shape.reduce((a, b) => a * b, 1), [0.5, 1.5], prng),
    y.shape,
  );
  const loss = ops.reduceSum(ops.mul(y, r), y.shape.map((_, i) => i), { name: "loss" });
  const backStart = g.nodes.length;
  const grads = gradients(loss, wrt);
  const outputs: Record<string, SymTensor> = { loss };
  grads.forEach((d, i) => (outputs[`grad.${wrt[i].name}`] = d));
  const session = await createOrtSession(encodeModel(lowerGraph(g, { outputs })), {
    intraOpNumThreads: 1,
  });
  try {
    const feeds: Record<string, ReturnType<typeof feed>> = {};
    for (const [name, t] of Object.entries(tensors)) feeds[name] = feed(t, data[name]);
    const base = await session.run(feeds);
    const eps = dtype === "float64" ? 1e-6 : 2e-3;
    const [rtol, atol] = dtype === "float64" ? [1e-5, 1e-7] : [3e-2, 2e-3];
    const mismatches: FdMismatch[] = [];
    let checked = 0;
    for (const w of wrt) {
      const analytic = base[`grad.${w.name}`].data;
      const x = data[w.name] as Float32Array | Float64Array;
      for (let i = 0; i < x.length; i++) {
        const copy = x.slice();
        copy[i] = x[i] + eps;
        const xp = copy[i];
        const plus = await lossAt(session, { ...feeds, [w.name]: feed(w, copy) });
        copy[i] = x[i] - eps;
        const xm = copy[i];
        const minus = await lossAt(session, { ...feeds, [w.name]: feed(w, copy) });
        const numeric = (plus - minus) / (xp - xm);
        const a = Number(analytic[i]);
        checked++;
        if (!(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)))) {
          mismatches.push({ input: w.name, index: i, analytic: a, numeric });
        }
      }
    }
    return { checked, mismatches, ops: g.nodes.slice(backStart).map((n) => n.spec.op) };
  } finally {
    await session.release();
  }
}
