/**
 * Sentences with character offsets: a rule-based splitter, a splitter that keeps given (annotated)
 * spans intact and splits only around them, and a locator that finds a sentence in its post
 * verbatim or case- and whitespace-insensitively.
 *
 * Offsets are JavaScript string indices (UTF-16 code units): `text.slice(start, end)` is the span.
 *
 * @module
 */

/** A span of a text: `text.slice(start, end)`. */
export interface TextSpan {
  /** Start offset (inclusive). */
  readonly start: number;
  /** End offset (exclusive). */
  readonly end: number;
}

/** A sentence of a text with its offsets: `source.slice(start, end) === text`. */
export interface SentenceSpan extends TextSpan {
  /** The sentence text. */
  readonly text: string;
}

/** Sentence end: terminal punctuation plus closing quotes/brackets, then whitespace or the end. */
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s|$)|\n/g;

function trimmedSpan(text: string, start: number, end: number): SentenceSpan | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : undefined;
}

/**
 * Splits `text` (or `text.slice(from, to)`) into sentences: a sentence ends after `.`, `!` or `?`
 * (with any closing quotes or brackets) followed by whitespace, or at a line break. Sentences are
 * trimmed of surrounding whitespace; blank stretches yield nothing.
 *
 * @example
 * ```ts
 * import { splitSentences } from "./sentences.ts";
 * import { deepEqual } from "node:assert/strict";
 * const text = "I can't sleep. Work is fine!\nAnyway";
 * deepEqual(splitSentences(text).map((s) => s.text), ["I can't sleep.", "Work is fine!", "Anyway"]);
 * deepEqual(splitSentences(text).map((s) => text.slice(s.start, s.end)), [
 *   "I can't sleep.",
 *   "Work is fine!",
 *   "Anyway",
 * ]);
 * ```
 */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const region = text.slice(from, to);
  let start = 0;
  for (const match of region.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const span = trimmedSpan(text, from + start, from + end);
    if (span) out.push(span);
    start = end;
  }
  const last = trimmedSpan(text, from + start, to);
  if (last) out.push(last);
  return out;
}

/**
 * Splits `text` into sentences keeping `anchors` (e.g. located annotated sentences) as whole
 * sentences: anchors win, and the stretches between them go through {@link splitSentences}.
 * Anchors that overlap an earlier anchor are ignored; identical anchors count once.
 *
 * @example
 * ```ts
 * import { segmentText } from "./sentences.ts";
 * import { deepEqual } from "node:assert/strict";
 * const text = "Hi all. I feel empty. and tired. Bye.";
 * const anchors = [{ start: 8, end: 32 }];
 * deepEqual(segmentText(text, anchors).map((s) => s.text), [
 *   "Hi all.",
 *   "I feel empty. and tired.",
 *   "Bye.",
 * ]);
 * ```
 */
export function segmentText(text: string, anchors: readonly TextSpan[]): SentenceSpan[] {
  const sorted = anchors
    .filter((a) => a.start >= 0 && a.end <= text.length && a.end > a.start)
    .toSorted((a, b) => a.start - b.start || b.end - a.end);
  const out: SentenceSpan[] = [];
  let cursor = 0;
  for (const anchor of sorted) {
    if (anchor.start < cursor) continue;
    out.push(...splitSentences(text, cursor, anchor.start));
    out.push({ start: anchor.start, end: anchor.end, text: text.slice(anchor.start, anchor.end) });
    cursor = anchor.end;
  }
  out.push(...splitSentences(text, cursor, text.length));
  return out;
}

/** Where {@link locateSentence} found a sentence: its span and whether the match was verbatim. */
export interface LocatedSpan extends TextSpan {
  /** True when the (trimmed) sentence is an exact substring; false for a case/whitespace-insensitive match. */
  readonly verbatim: boolean;
}

function normalise(text: string): { readonly norm: string; readonly origin: readonly number[] } {
  let norm = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (norm.length > 0 && norm.at(-1) !== " ") {
        norm += " ";
        origin.push(i);
      }
      continue;
    }
    const lower = ch.toLowerCase();
    norm += lower.length === 1 ? lower : ch;
    origin.push(i);
  }
  return { norm, origin };
}

/**
 * Finds `sentence` in `text`, always ignoring the sentence's own leading/trailing whitespace (so a
 * span never starts or ends in whitespace, like the splitter's): first verbatim, else ignoring
 * case and treating any run of whitespace as one space. Returns the span in the original `text`,
 * or `undefined` when it cannot be found.
 *
 * @example
 * ```ts
 * import { locateSentence } from "./sentences.ts";
 * import { deepEqual } from "node:assert/strict";
 * const post = "So.  I  Can't\nSleep at all.";
 * deepEqual(locateSentence(post, "i can't sleep at ALL."), { start: 5, end: 27, verbatim: false });
 * deepEqual(locateSentence(post, "nothing like this"), undefined);
 * ```
 */
export function locateSentence(text: string, sentence: string): LocatedSpan | undefined {
  const trimmed = sentence.trim();
  if (trimmed === "") return undefined;
  const exact = text.indexOf(trimmed);
  if (exact >= 0) return { start: exact, end: exact + trimmed.length, verbatim: true };
  const post = normalise(text);
  const needle = normalise(sentence).norm.trimEnd();
  const at = post.norm.indexOf(needle);
  if (at < 0) return undefined;
  return { start: post.origin[at], end: post.origin[at + needle.length - 1] + 1, verbatim: false };
}
