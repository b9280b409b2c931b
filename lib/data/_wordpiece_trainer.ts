/**
 * Learns a WordPiece vocabulary from word counts with frequency-driven pair merges — the scheme
 * of Hugging Face's `WordPieceTrainer`, which runs its BPE trainer with `##` continuing-subword
 * prefixes and keeps the resulting vocabulary.
 *
 * Algorithm:
 * 1. Each distinct word is split into characters: the first stays as is, the others get the `##`
 *    prefix (`"sad"` → `s ##a ##d`). The alphabet holds **both** forms of every character seen,
 *    so any word made of seen characters is encodable, at any position.
 * 2. Every adjacent symbol pair is counted, weighted by the word's frequency (a pair occurring
 *    twice in a word counts twice).
 * 3. Repeatedly the most frequent pair is merged into a new symbol (`s` + `##a` → `sa`, `##a` +
 *    `##d` → `##ad`); ties go to the pair whose (left, right) strings sort first by UTF-16 code
 *    units, so the result never depends on insertion order. Merging stops when the vocabulary is
 *    full or the best pair occurs fewer than `minFrequency` times. A merge that yields an existing
 *    symbol reuses it. Whole frequent words thus end up as single tokens, frequent stems and
 *    endings as pieces.
 *
 * Only the affected words are re-counted after a merge; the best pair is found with a max-heap
 * whose stale entries (count no longer current) are skipped when popped.
 *
 * @module
 */

/** Options of {@link learnWordPieceVocab}. */
export interface LearnVocabOptions {
  /** How many symbols (alphabet + merges) may be learned. */
  readonly maxSymbols: number;
  /** A pair must occur at least this often (weighted) to be merged. */
  readonly minFrequency: number;
  /** The continuing-subword prefix, `##`. */
  readonly prefix: string;
}

interface HeapEntry {
  readonly count: number;
  readonly key: number;
}

const PAIR_BASE = 2 ** 21;

/** Pair counts of one word: key → multiplicity. */
function pairsOf(word: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i + 1 < word.length; i++) {
    const key = word[i] * PAIR_BASE + word[i + 1];
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The word with every non-overlapping (left, right) occurrence replaced by `merged`. */
function mergeWord(word: readonly number[], left: number, right: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] === left && word[i + 1] === right) {
      out.push(merged);
      i++;
    } else out.push(word[i]);
  }
  return out;
}

/** A binary max-heap over pair entries with an injected total order. */
class PairHeap {
  #items: HeapEntry[] = [];
  constructor(private readonly before: (a: HeapEntry, b: HeapEntry) => boolean) {}

  get size(): number {
    return this.#items.length;
  }

  push(entry: HeapEntry): void {
    const items = this.#items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l], items[best])) best = l;
        if (r < items.length && this.before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

/** The sorted alphabet: both the plain and the prefixed form of every character seen. */
function alphabetOf(words: readonly string[], prefix: string): string[] {
  const chars = new Set<string>();
  for (const w of words) for (const c of w) chars.add(c);
  const out: string[] = [];
  for (const c of [...chars].sort()) out.push(c);
  for (const c of [...chars].sort()) out.push(prefix + c);
  return out;
}

/** Weighted pair counts and, per pair, the words that contain it. */
interface PairStats {
  readonly counts: Map<number, number>;
  readonly where: Map<number, Set<number>>;
}

/** Adds (`weight` > 0) or removes (`weight` < 0) word `wi`'s pairs; records touched keys. */
function tally(
  stats: PairStats,
  word: readonly number[],
  wi: number,
  weight: number,
  touched: Set<number> | null,
): void {
  for (const [key, m] of pairsOf(word)) {
    stats.counts.set(key, (stats.counts.get(key) ?? 0) + m * weight);
    if (weight > 0) {
      let set = stats.where.get(key);
      if (!set) stats.where.set(key, set = new Set());
      set.add(wi);
    } else stats.where.get(key)?.delete(wi);
    touched?.add(key);
  }
}

/** The max-heap of pairs: higher count first, then (left, right) strings in code-unit order. */
function pairHeap(symbols: readonly string[]): PairHeap {
  const compareKeys = (a: number, b: number): number => {
    const la = symbols[Math.floor(a / PAIR_BASE)], lb = symbols[Math.floor(b / PAIR_BASE)];
    if (la !== lb) return la < lb ? -1 : 1;
    const ra = symbols[a % PAIR_BASE], rb = symbols[b % PAIR_BASE];
    return ra < rb ? -1 : ra > rb ? 1 : 0;
  };
  return new PairHeap((a, b) =>
    a.count !== b.count ? a.count > b.count : compareKeys(a.key, b.key) < 0
  );
}

/**
 * The learned symbols — alphabet first (sorted), then merged tokens in merge order — for word
 * counts produced by the normaliser and pre-tokeniser. Deterministic for equal inputs.
 */
export function learnWordPieceVocab(
  wordCounts: ReadonlyMap<string, number>,
  options: LearnVocabOptions,
): string[] {
  const { prefix, maxSymbols, minFrequency } = options;
  const distinct = [...wordCounts.keys()].sort();
  const symbols = alphabetOf(distinct, prefix);
  const idOf = new Map(symbols.map((s, i) => [s, i]));
  const freq = distinct.map((w) => wordCounts.get(w) ?? 0);
  const words = distinct.map((w) => [...w].map((c, i) => idOf.get(i === 0 ? c : prefix + c)!));
  const stats: PairStats = { counts: new Map(), where: new Map() };
  words.forEach((word, wi) => tally(stats, word, wi, freq[wi], null));
  const heap = pairHeap(symbols);
  for (const [key, count] of stats.counts) heap.push({ count, key });

  const learned = symbols.slice();
  while (learned.length < maxSymbols && heap.size > 0) {
    const top = heap.pop()!;
    const current = stats.counts.get(top.key) ?? 0;
    if (current !== top.count || current <= 0) continue; // stale entry
    if (current < minFrequency) break;
    const left = Math.floor(top.key / PAIR_BASE), right = top.key % PAIR_BASE;
    const rightText = symbols[right].startsWith(prefix)
      ? symbols[right].slice(prefix.length)
      : symbols[right];
    const text = symbols[left] + rightText;
    let merged = idOf.get(text);
    if (merged === undefined) {
      merged = symbols.length;
      symbols.push(text);
      idOf.set(text, merged);
      learned.push(text);
    }
    const touched = new Set<number>();
    for (const wi of [...(stats.where.get(top.key) ?? [])]) {
      tally(stats, words[wi], wi, -freq[wi], touched);
      words[wi] = mergeWord(words[wi], left, right, merged);
      tally(stats, words[wi], wi, freq[wi], touched);
    }
    for (const key of touched) {
      const c = stats.counts.get(key) ?? 0;
      if (c > 0) heap.push({ count: c, key });
    }
  }
  return learned;
}
