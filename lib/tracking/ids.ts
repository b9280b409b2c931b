/**
 * Identity for experiments and runs, made the way MLflow makes it. These ids name folders; they
 * are identity, not an experimental random choice, so they come from `crypto.randomUUID()` rather
 * than the seeded `Prng` — and can be injected (tests pin them to write byte-exact golden folders).
 *
 * @module
 */

/** Where experiment and run ids come from. */
export interface MlflowIdGenerator {
  /** A new experiment id: an all-digit string (MLflow: 18 digits, no leading zero). */
  experimentId(): string;
  /** A new run id: 32 lowercase hex digits (MLflow: `uuid.uuid4().hex`). */
  runId(): string;
}

const EIGHTEEN_DIGITS = 10n ** 18n;
const SEVENTEEN_DIGITS = 10n ** 17n;

/**
 * MLflow's id scheme: run ids are uuid4 hex; experiment ids are the last 18 decimal digits of a
 * uuid4's integer, re-drawn while that has a leading zero — kept as strings, since 18 digits exceed
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import { randomMlflowIds } from "./ids.ts";
 * import { match } from "node:assert/strict";
 * const ids = randomMlflowIds();
 * match(ids.experimentId(), /^[1-9]\d{17}$/);
 * match(ids.runId(), /^[0-9a-f]{32}$/);
 * ```
 */
export function randomMlflowIds(): MlflowIdGenerator {
  return {
    experimentId(): string {
      for (;;) {
        const n = BigInt("0x" + crypto.randomUUID().replaceAll("-", "")) % EIGHTEEN_DIGITS;
        if (n >= SEVENTEEN_DIGITS) return n.toString();
      }
    },
    runId(): string {
      return crypto.randomUUID().replaceAll("-", "");
    },
  };
}
