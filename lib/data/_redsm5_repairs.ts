/**
 * The repair log of the ReDSM5 loader: every known kind of dirt it fixes, and the summary it
 * returns. Private to the data room; re-exported types live in `redsm5.ts`.
 *
 * @module
 */

/** One repair the loader made (or a problem it tolerated), tagged by `kind`. */
export type Redsm5Repair =
  | {
    /** A known symptom typo was corrected (`LEEP_ISSUES` → `SLEEP_ISSUES`). */
    readonly kind: "symptom_typo";
    readonly line: number;
    readonly from: string;
    readonly to: string;
  }
  | {
    /** A row repeating an earlier (post, sentence, symptom) with the same status was dropped. */
    readonly kind: "duplicate_dropped";
    readonly line: number;
    readonly keptLine: number;
    readonly postId: string;
    readonly sentenceId: string;
    readonly symptom: string;
  }
  | {
    /** Rows of one (post, sentence, symptom) disagreed on status; resolved as "any positive". */
    readonly kind: "status_conflict";
    readonly lines: readonly number[];
    readonly postId: string;
    readonly sentenceId: string;
    readonly symptom: string;
    readonly resolved: 1;
  }
  | {
    /** A sentence not verbatim in its post was found ignoring case and whitespace. */
    readonly kind: "sentence_relocated";
    readonly line: number;
    readonly postId: string;
    readonly sentenceId: string;
    readonly start: number;
    readonly end: number;
  }
  | {
    /** A sentence could not be found in its post at all; it yields no evidence span. */
    readonly kind: "sentence_unlocatable";
    readonly line: number;
    readonly postId: string;
    readonly sentenceId: string;
  }
  | {
    /** A post has no annotation row (kept: exhaustive annotation makes it all-negative). */
    readonly kind: "post_unannotated";
    readonly line: number;
    readonly postId: string;
  };

/** The tag of a {@link Redsm5Repair}. */
export type Redsm5RepairKind = Redsm5Repair["kind"];

/** All repair kinds, in the order summaries print them. */
export const REDSM5_REPAIR_KINDS: readonly Redsm5RepairKind[] = [
  "symptom_typo",
  "duplicate_dropped",
  "status_conflict",
  "sentence_relocated",
  "sentence_unlocatable",
  "post_unannotated",
];

/** Every repair the loader made, with a count per kind. */
export interface Redsm5RepairSummary {
  /** The posts file as named by the caller. */
  readonly postsFile: string;
  /** The annotations file as named by the caller. */
  readonly annotationsFile: string;
  /** Number of repairs of each kind (every kind present, zero when none). */
  readonly counts: Readonly<Record<Redsm5RepairKind, number>>;
  /** The repairs in the order they were made. */
  readonly repairs: readonly Redsm5Repair[];
}

/** Builds a summary from a list of repairs. */
export function summariseRepairs(
  postsFile: string,
  annotationsFile: string,
  repairs: readonly Redsm5Repair[],
): Redsm5RepairSummary {
  const counts = Object.fromEntries(REDSM5_REPAIR_KINDS.map((k) => [k, 0])) as Record<
    Redsm5RepairKind,
    number
  >;
  for (const r of repairs) counts[r.kind]++;
  return { postsFile, annotationsFile, counts, repairs };
}

/**
 * A short human-readable report of a repair summary: one line per kind, with up to three
 * examples each (file:line).
 *
 * @example
 * ```ts
 * import { formatRepairSummary, summariseRepairs } from "./_redsm5_repairs.ts";
 * import { match } from "node:assert/strict";
 * const s = summariseRepairs("p.csv", "a.csv", [
 *   { kind: "symptom_typo", line: 4, from: "LEEP_ISSUES", to: "SLEEP_ISSUES" },
 * ]);
 * match(formatRepairSummary(s), /symptom_typo: 1 \(a\.csv:4\)/);
 * ```
 */
export function formatRepairSummary(summary: Redsm5RepairSummary): string {
  const lines = [`Repairs for ${summary.postsFile} + ${summary.annotationsFile}:`];
  for (const kind of REDSM5_REPAIR_KINDS) {
    const examples = summary.repairs.filter((r) => r.kind === kind).slice(0, 3).map((r) => {
      const file = r.kind === "post_unannotated" ? summary.postsFile : summary.annotationsFile;
      const line = r.kind === "status_conflict" ? r.lines.join("+") : String(r.line);
      return `${file}:${line}`;
    });
    const more = summary.counts[kind] > examples.length ? ", …" : "";
    const detail = examples.length > 0 ? ` (${examples.join(", ")}${more})` : "";
    lines.push(`  ${kind}: ${summary.counts[kind]}${detail}`);
  }
  return lines.join("\n");
}
