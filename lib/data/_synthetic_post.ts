/**
 * One synthetic post: sentences drawn from the phrase banks, shuffled, joined with Reddit-style
 * spacing, and the annotation rows that describe them. Private to the synthetic corpus.
 *
 * @module
 */
import { type Prng, shuffle, weightedIndex } from "../random/mod.ts";
import {
  DUAL_PHRASES,
  FILLER_PHRASES,
  OPENERS,
  SYMPTOM_PHRASES,
  SYMPTOM_WEIGHTS,
} from "./_synthetic_phrases.ts";
import { REDSM5_SYMPTOMS, type Redsm5Symptom } from "./symptoms.ts";

/** One annotation row as written to `redsm5_annotations.csv`. */
export interface SyntheticAnnotationRow {
  readonly postId: string;
  readonly sentenceId: string;
  readonly sentenceText: string;
  readonly symptom: string;
  readonly status: 0 | 1;
  readonly explanation: string;
}

/** A generated post and its (clean) annotation rows. */
export interface SyntheticPost {
  readonly postId: string;
  readonly text: string;
  readonly rows: readonly SyntheticAnnotationRow[];
}

interface Label {
  readonly symptom: Redsm5Symptom;
  readonly status: 0 | 1;
}

interface Sentence {
  readonly text: string;
  readonly labels: readonly Label[];
}

/** Renders a `{a|b}` template with `prng`, tidying spaces left by empty alternatives. */
export function renderTemplate(prng: Prng, template: string): string {
  const filled = template.replace(/\{([^{}]*)\}/g, (_, body: string) => {
    const options = body.split("|");
    return options[prng.int(0, options.length - 1)];
  });
  return filled.replace(/ {2,}/g, " ").replace(/ ([,.!?])/g, "$1").trim();
}

function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[prng.int(0, items.length - 1)];
}

function drawSymptoms(prng: Prng, k: number, exclude: ReadonlySet<Redsm5Symptom>): Redsm5Symptom[] {
  const pool = REDSM5_SYMPTOMS.filter((s) => !exclude.has(s));
  const out: Redsm5Symptom[] = [];
  while (out.length < k && pool.length > 0) {
    const i = weightedIndex(prng, pool.map((s) => SYMPTOM_WEIGHTS[s]));
    out.push(pool[i]);
    pool.splice(i, 1);
  }
  return out;
}

function symptomSentences(prng: Prng): Sentence[] {
  const k = weightedIndex(prng, [15, 35, 25, 15, 10]);
  const positives = drawSymptoms(prng, k, new Set());
  const out: Sentence[] = [];
  for (const symptom of positives) {
    const families = shuffle(prng, SYMPTOM_PHRASES[symptom].positive);
    const count = prng.bernoulli(0.3) && families.length > 1 ? 2 : 1;
    for (const family of families.slice(0, count)) {
      out.push({ text: renderTemplate(prng, family), labels: [{ symptom, status: 1 }] });
    }
  }
  const used = new Set(positives);
  if (prng.bernoulli(0.12)) {
    const dual = pick(prng, DUAL_PHRASES);
    dual.symptoms.forEach((s) => used.add(s));
    out.push({
      text: renderTemplate(prng, dual.template),
      labels: dual.symptoms.map((symptom) => ({ symptom, status: 1 })),
    });
  }
  const nNegatives = out.length === 0 ? prng.int(1, 2) : prng.bernoulli(0.35) ? 1 : 0;
  used.add("SPECIAL_CASE");
  for (const symptom of drawSymptoms(prng, nNegatives, used)) {
    const template = pick(prng, SYMPTOM_PHRASES[symptom].negative);
    out.push({ text: renderTemplate(prng, template), labels: [{ symptom, status: 0 }] });
  }
  return out;
}

function fillerSentences(prng: Prng, min: number): Sentence[] {
  const count = Math.min(16, Math.max(min, Math.floor(Math.exp(prng.normal(1.1, 0.7)))));
  return Array.from({ length: count }, () => ({
    text: renderTemplate(prng, pick(prng, FILLER_PHRASES)),
    labels: [],
  }));
}

function joinSentences(prng: Prng, sentences: readonly string[]): string {
  let text = sentences[0];
  for (const sentence of sentences.slice(1)) {
    const gap = weightedIndex(prng, [65, 25, 10]);
    text += [" ", "\n\n", "\n"][gap] + sentence;
  }
  return text;
}

/**
 * Generates post `postId` from `prng`. An `unannotated` post holds only filler and no rows.
 */
export function generatePost(prng: Prng, postId: string, unannotated: boolean): SyntheticPost {
  const body = unannotated
    ? fillerSentences(prng, 2)
    : shuffle(prng, [...symptomSentences(prng), ...fillerSentences(prng, 1)]);
  const opener = prng.bernoulli(0.35) ? renderTemplate(prng, pick(prng, OPENERS)) : undefined;
  const sentences: Sentence[] = opener === undefined
    ? body
    : [{ text: opener, labels: [] }, ...body];
  const rows: SyntheticAnnotationRow[] = [];
  sentences.forEach((sentence, j) => {
    for (const { symptom, status } of sentence.labels) {
      const phrases = SYMPTOM_PHRASES[symptom];
      rows.push({
        postId,
        sentenceId: `${postId}_${j}`,
        sentenceText: sentence.text,
        symptom,
        status,
        explanation: status === 1 ? phrases.explainPositive : phrases.explainNegative,
      });
    }
  });
  const joined = joinSentences(prng, body.map((s) => s.text));
  return { postId, text: opener === undefined ? joined : `${opener}\n${joined}`, rows };
}
