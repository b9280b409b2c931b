/**
 * Small helpers the pruners share.
 *
 * @module
 */
import { HpoError } from "./errors.ts";
import type { FrozenTrial } from "./types.ts";

/** The largest step a trial reported, or `null` if it reported nothing. */
export function lastStep(trial: FrozenTrial): number | null {
  let last: number | null = null;
  for (const step of trial.intermediateValues.keys()) {
    if (last === null || step > last) last = step;
  }
  return last;
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInt(pruner: string, name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new HpoError(
      `Cannot create a ${pruner}: ${name} must be an integer ≥ ${min}, got ${value}`,
    );
  }
}
