/**
 * Our own truncation of a sequence (pair) to a token budget, with Hugging Face `tokenizers`
 * (Rust, "fast" tokenizer) semantics — `truncate_encodings` in `tokenizers/src/utils/truncation.rs`:
 *
 * - `longest_first`, pair: with n1 ≤ n2 the shorter and longer lengths, if n1 + n2 fits nothing
 *   happens; if the shorter fits beside a cut-down longer one (n2' = budget − n1 ≥ n1), only the
 *   longer is cut; otherwise both get half the budget, the odd token going to the longer one (to
 *   the second sequence on a tie). E.g. budget 7: (4, 4) → (3, 4), (8, 2) → (5, 2), (8, 8) → (3, 4).
 *   (Python's slow tokenizers remove one token at a time from the longer, the second on ties,
 *   which differs only in where the odd token lands.)
 * - `longest_first`, single sequence: cut to the budget.
 * - `only_first` / `only_second`: cut only that sequence; an error when it would have to lose
 *   every token (HF raises "Sequence to truncate too short") or when `only_second` must cut but
 *   has no pair. As in HF, an input that fits is returned untouched whatever the strategy.
 *
 * Tokens are always removed from the end (truncation side "right"). The budget excludes the
 * template's special tokens; callers subtract them.
 *
 * @module
 */
import { DataError } from "./errors.ts";

/** Where in-memory input "comes from" in a `DataError`. */
const MEMORY = "<memory>";

/** How a too-long input is cut. */
export type TruncationStrategy = "longest_first" | "only_first" | "only_second";

/** The lengths `[first, second]` the sequences keep; `second` is 0 when there is no pair. */
export function truncatedLengths(
  first: number,
  second: number | null,
  budget: number,
  strategy: TruncationStrategy,
): [number, number] {
  if (budget < 0) {
    throw new DataError(
      `Cannot truncate: the token budget ${budget} is negative (max_length too small for the template)`,
      { file: MEMORY },
    );
  }
  const n2 = second ?? 0;
  const excess = first + n2 - budget;
  if (excess <= 0) return [first, n2];
  if (strategy === "only_second" && second === null) {
    throw new DataError(
      'Cannot truncate with "only_second": there is no second sequence',
      { file: MEMORY },
    );
  }
  if (strategy === "longest_first") {
    if (second === null) return [budget, 0];
    return longestFirst(first, n2, budget);
  }
  const target = strategy === "only_first" ? first : n2;
  if (target <= excess) {
    throw new DataError(
      `Cannot truncate with "${strategy}": the sequence has ${target} tokens but ${excess} must go`,
      { file: MEMORY },
    );
  }
  return strategy === "only_first" ? [first - excess, n2] : [first, n2 - excess];
}

function longestFirst(first: number, second: number, budget: number): [number, number] {
  const swap = first > second;
  let short = swap ? second : first;
  let long = short > budget ? short : Math.max(short, budget - short);
  if (short + long > budget) {
    short = Math.floor(budget / 2);
    long = short + (budget % 2);
  }
  return swap ? [long, short] : [short, long];
}
