/**
 * Checks the `runtime.*` and `training.amp.*` settings against what this build can do, before any
 * work starts: an execution provider that is not available is an error, and settings that run
 * differently here than a user may expect come back as notices to print.
 *
 * @module
 */
import {
  configBoolean,
  ConfigError,
  configHas,
  configString,
  type ConfigTree,
} from "../config/mod.ts";
import { availableExecutionProviders } from "../onnx/mod.ts";

/** A setting that runs differently than its value suggests, with the key it concerns. */
export interface RuntimeNotice {
  /** The config key, e.g. `training.amp.enabled`. */
  readonly key: string;
  /** What happens instead, in one sentence. */
  readonly message: string;
}

/**
 * Throws a ConfigError naming `runtime.execution_provider` when the provider is not available in
 * this build (onnxruntime-node's npm package is CPU-only), and returns notices, e.g. that mixed
 * precision is not applied on CPU.
 *
 * @example
 * ```ts
 * import { checkRuntime } from "./runtime_check.ts";
 * import { equal, throws } from "node:assert/strict";
 * const config = { runtime: { execution_provider: "cpu" }, training: { amp: { enabled: true } } };
 * equal(checkRuntime(config)[0].key, "training.amp.enabled");
 * throws(() => checkRuntime({ runtime: { execution_provider: "cuda" } }), /CPU-only/);
 * ```
 */
export function checkRuntime(config: ConfigTree): RuntimeNotice[] {
  const provider = configString(config, "runtime.execution_provider");
  const available = availableExecutionProviders();
  if (!available.includes(provider)) {
    throw new ConfigError(
      `Cannot use runtime.execution_provider "${provider}": this build of onnxruntime-node is ` +
        `CPU-only (available: ${available.map((p) => `"${p}"`).join(", ")}); GPU training is not ` +
        `supported here`,
      { keyPath: "runtime.execution_provider" },
    );
  }
  const notices: RuntimeNotice[] = [];
  if (configHas(config, "training.amp.enabled") && configBoolean(config, "training.amp.enabled")) {
    notices.push({
      key: "training.amp.enabled",
      message: `mixed precision is not applied on the "${provider}" execution provider; ` +
        "training runs in float32",
    });
  }
  return notices;
}
