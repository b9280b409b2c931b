/**
 * The one file that imports onnxruntime-node: session creation, runs and release, with plain
 * typed arrays in and out.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type * as ort from "onnxruntime-node";
import { OnnxError } from "./onnx_error.ts";
import type { OnnxDataType, TensorData } from "./proto_types.ts";
import { dataTypeOf, type FeedMap, type OutputMap, type OutputTensor } from "./tensors.ts";

/** ORT graph optimisation levels. */
export type GraphOptimizationLevel = "disabled" | "basic" | "extended" | "all";

/** An external data file for a model loaded from bytes: the `location` it is recorded under. */
export interface ExternalDataFile {
  /** The `location` string written in the model. */
  readonly path: string;
  /** The file's bytes, or a path to read them from. */
  readonly data: Uint8Array | string;
}

/** Options of {@link createOrtSession}. */
export interface OrtSessionOptions {
  /**
   * Threads inside one op. Default: the logical core count (`navigator.hardwareConcurrency`);
   * ORT's own default (physical cores as it detects them) chose 1 thread on the project's
   * 2-vCPU VM, which made a transformer train step 1.3× slower than 2 threads.
   */
  readonly intraOpNumThreads?: number;
  /** Threads across independent ops (default: ORT's). */
  readonly interOpNumThreads?: number;
  /** Default `"all"`. */
  readonly graphOptimizationLevel?: GraphOptimizationLevel;
  /** Only `"cpu"` is available in this build (default `["cpu"]`). */
  readonly executionProviders?: readonly string[];
  /** External data files when the model is given as bytes. */
  readonly externalData?: readonly ExternalDataFile[];
  /** Write an ORT profile (JSON); {@link OrtSession.endProfiling} returns its path. */
  readonly enableProfiling?: boolean;
  /** Prefix of the profile file name (default ORT's `onnxruntime_profile_`). */
  readonly profileFilePrefix?: string;
  /**
   * Let idle intra-op threads spin-wait for work (ORT's default, true). Spinning lowers latency
   * on a dedicated machine but burns CPU that other processes (or the JS thread) could use.
   */
  readonly allowSpinning?: boolean;
}

const ORT_TYPES: Readonly<Record<string, OnnxDataType>> = {
  float32: "float32",
  float64: "float64",
  int32: "int32",
  int64: "int64",
  int8: "int8",
  uint8: "uint8",
  bool: "bool",
  float16: "float16",
};

/**
 * The execution providers this build can run: onnxruntime-node's npm package ships CPU kernels
 * only, so this is `["cpu"]`; a config asking for another provider must fail loudly.
 *
 * @example
 * ```ts
 * import { availableExecutionProviders } from "./ort_session.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(availableExecutionProviders(), ["cpu"]);
 * ```
 */
export function availableExecutionProviders(): readonly string[] {
  return ["cpu"];
}

function checkProviders(providers: readonly string[]): void {
  for (const p of providers) {
    if (!availableExecutionProviders().includes(p)) {
      throw new OnnxError(
        "provider",
        `Cannot create a session: execution provider "${p}" is not available; this build runs ` +
          `on CPU only (onnxruntime-node's bundled CPU binaries), use "cpu"`,
      );
    }
  }
}

function toOutput(name: string, t: ort.Tensor): OutputTensor {
  const dataType = ORT_TYPES[t.type];
  if (dataType === undefined) {
    throw new OnnxError(
      "run",
      `Cannot read output "${name}": ORT type "${t.type}" is not supported`,
    );
  }
  const raw = t.data;
  let data: TensorData;
  if (
    raw instanceof Float32Array || raw instanceof Float64Array || raw instanceof Int32Array ||
    raw instanceof BigInt64Array || raw instanceof Int8Array || raw instanceof Uint8Array ||
    raw instanceof Uint16Array
  ) {
    data = raw;
  } else if (ArrayBuffer.isView(raw)) {
    data = new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2); // float16 arrays
  } else {
    throw new OnnxError("run", `Cannot read output "${name}": its data is not a typed array`);
  }
  return { dataType, dims: t.dims.slice(), data };
}

/** External data as bytes: onnxruntime-node's binding rejects a path in `data`, so read it. */
async function externalBytes(
  files: readonly ExternalDataFile[] | undefined,
): Promise<{ path: string; data: Uint8Array }[] | undefined> {
  if (files === undefined) return undefined;
  return await Promise.all(files.map(async (f) => {
    if (typeof f.data !== "string") return { path: f.path, data: f.data };
    try {
      return { path: f.path, data: await readFile(f.data) };
    } catch (cause) {
      throw new OnnxError(
        "session",
        `Cannot read external data "${f.path}" from "${f.data}": ${String(cause)}`,
        { cause },
      );
    }
  }));
}

function toSessionOptions(
  options: OrtSessionOptions,
  externalData: readonly { path: string; data: Uint8Array }[] | undefined,
): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: ["cpu"],
    graphOptimizationLevel: options.graphOptimizationLevel ?? "all",
    intraOpNumThreads: options.intraOpNumThreads ?? Math.max(1, navigator.hardwareConcurrency || 1),
    ...(options.interOpNumThreads !== undefined &&
      { interOpNumThreads: options.interOpNumThreads }),
    ...(externalData !== undefined && { externalData }),
    ...(options.enableProfiling === true && { enableProfiling: true }),
    ...(options.profileFilePrefix !== undefined &&
      { profileFilePrefix: options.profileFilePrefix }),
    ...(options.allowSpinning === false && {
      extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
    }),
  };
}

type OrtModule = typeof ort;

/**
 * Loads onnxruntime-node on first use rather than at import, so that code importing the root
 * `mod.ts` for tracking, configs or HPO needs no `--allow-ffi` (the module system caches it).
 */
async function loadOrt(): Promise<OrtModule> {
  try {
    return await import("onnxruntime-node");
  } catch (cause) {
    throw new OnnxError(
      "session",
      `Cannot load onnxruntime-node: ${String(cause)} (it needs --allow-ffi)`,
      { cause },
    );
  }
}

/**
 * An ONNX Runtime inference session. Inputs are fed zero-copy (the typed arrays you pass are
 * read in place); outputs are fresh arrays. `run` blocks the calling thread for the whole run:
 * use `WorkerSession` to keep a thread free.
 */
export class OrtSession {
  #session: ort.InferenceSession | undefined;
  readonly #ort: OrtModule;
  /** The model's input names, in graph order. */
  readonly inputNames: readonly string[];
  /** The model's output names, in graph order. */
  readonly outputNames: readonly string[];

  private constructor(session: ort.InferenceSession, runtime: OrtModule) {
    this.#session = session;
    this.#ort = runtime;
    this.inputNames = session.inputNames.slice();
    this.outputNames = session.outputNames.slice();
  }

  #live(action: string): ort.InferenceSession {
    if (this.#session === undefined) {
      throw new OnnxError("run", `Cannot ${action}: the session was released`);
    }
    return this.#session;
  }

  /** Runs the model on `feeds` and returns `fetches` (default: every output). */
  async run(feeds: FeedMap, fetches?: readonly string[]): Promise<OutputMap> {
    const session = this.#live("run a session");
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      const type = f.dataType ?? dataTypeOf(f.data);
      try {
        // deno-lint-ignore no-explicit-any
        ortFeeds[name] = new this.#ort.Tensor(type, f.data as any, f.dims.slice());
      } catch (cause) {
        throw new OnnxError(
          "run",
          `Cannot feed "${name}": ${type} data of length ${f.data.length} with dims ` +
            `[${f.dims.join(", ")}]`,
          { cause },
        );
      }
    }
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = fetches === undefined
        ? await session.run(ortFeeds)
        : await session.run(ortFeeds, fetches.slice());
    } catch (cause) {
      throw new OnnxError("run", `Cannot run the session: ${String(cause)}`, { cause });
    }
    const out: Record<string, OutputTensor> = {};
    for (const [name, value] of Object.entries(result)) {
      out[name] = toOutput(name, value as ort.Tensor);
    }
    return out;
  }

  /**
   * Stops profiling (only with `enableProfiling`); ORT writes `<profileFilePrefix>_<time>.json`
   * in the working directory.
   */
  endProfiling(): void {
    this.#live("end profiling").endProfiling();
  }

  /** Creates a session; the same as {@link createOrtSession}. */
  static async create(
    model: Uint8Array | string,
    options: OrtSessionOptions = {},
  ): Promise<OrtSession> {
    checkProviders(options.executionProviders ?? ["cpu"]);
    const runtime = await loadOrt();
    const external = await externalBytes(options.externalData);
    try {
      const sessionOptions = toSessionOptions(options, external);
      const session = typeof model === "string"
        ? await runtime.InferenceSession.create(model, sessionOptions)
        : await runtime.InferenceSession.create(model, sessionOptions);
      return new OrtSession(session, runtime);
    } catch (cause) {
      const what = typeof model === "string" ? `"${model}"` : `${model.length} bytes`;
      throw new OnnxError("session", `Cannot create a session from ${what}: ${String(cause)}`, {
        cause,
      });
    }
  }

  /** Frees the native session; later calls fail. Releasing twice is a no-op. */
  async release(): Promise<void> {
    const s = this.#session;
    this.#session = undefined;
    if (s !== undefined) await s.release();
  }
}

/**
 * Creates a CPU session from ONNX bytes or a model file path.
 *
 * @example
 * ```ts
 * import { createOrtSession } from "./ort_session.ts";
 * import { float32Data } from "./tensors.ts";
 * import { encodeModel } from "./encode_model.ts";
 * import { deepEqual } from "node:assert/strict";
 * const bytes = encodeModel({
 *   irVersion: 10,
 *   opsets: [{ domain: "", version: 20 }],
 *   graph: {
 *     name: "neg",
 *     nodes: [{ opType: "Neg", inputs: ["x"], outputs: ["y"] }],
 *     inputs: [{ name: "x", dataType: "float32", shape: [2] }],
 *     outputs: [{ name: "y", dataType: "float32", shape: [2] }],
 *   },
 * });
 * const session = await createOrtSession(bytes, { intraOpNumThreads: 1 });
 * const { y } = await session.run({ x: { data: new Float32Array([1, -2]), dims: [2] } });
 * deepEqual(Array.from(float32Data(y)), [-1, 2]);
 * await session.release();
 * ```
 */
export function createOrtSession(
  model: Uint8Array | string,
  options: OrtSessionOptions = {},
): Promise<OrtSession> {
  return OrtSession.create(model, options);
}
