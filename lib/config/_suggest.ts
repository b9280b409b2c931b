/**
 * "Did you mean …?" suggestions by edit distance.
 *
 * @module
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[rows - 1][cols - 1];
}

function lastSegment(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? path : path.slice(dot + 1);
}

const allowed = (length: number): number => Math.max(1, Math.floor(length * 0.3));

/** Distance of `target` to `candidate`, or Infinity when they are not close. */
function score(target: string, candidate: string): number {
  const scores: number[] = [];
  const whole = editDistance(target, candidate);
  if (whole <= Math.max(1, Math.floor(target.length * 0.2))) scores.push(whole);
  // The right leaf under another parent: `learning_rate` → `training.learning_rate`.
  const tailT = lastSegment(target);
  const tailC = lastSegment(candidate);
  const tail = editDistance(tailT, tailC);
  if (tail <= (tailT.length < 4 ? 0 : allowed(tailT.length))) scores.push(tail + 1);
  // A name typed short under the same parent: `roberta` → `roberta_base`.
  const sameParent = target.slice(0, -tailT.length) === candidate.slice(0, -tailC.length);
  if (sameParent && tailT.length >= 3 && tailC.length > tailT.length) {
    const head = editDistance(tailT, tailC.slice(0, tailT.length));
    if (head <= allowed(tailT.length)) scores.push(head + 1);
  }
  return Math.min(Infinity, ...scores);
}

/**
 * The candidates closest to `target` (at most three, best first, and only those within one edit
 * of the best): by distance over the whole dotted path, by the last segment alone (so
 * `learning_rate` finds `training.learning_rate`), or as a prefix (`roberta` → `roberta_base`).
 */
export function closestMatches(target: string, candidates: Iterable<string>): string[] {
  const scored: { candidate: string; score: number; whole: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === target || target.startsWith(`${candidate}.`)) continue;
    const s = score(target, candidate);
    if (s !== Infinity) {
      scored.push({ candidate, score: s, whole: editDistance(target, candidate) });
    }
  }
  // Ties go to the nearer whole path: `trainig.epochs` → `training.epochs` before `hpo.epochs`.
  scored.sort((x, y) =>
    x.score - y.score || x.whole - y.whole || x.candidate.localeCompare(y.candidate)
  );
  const best = scored[0]?.score ?? 0;
  return scored.filter((s) => s.score <= best + 1).slice(0, 3).map((s) => s.candidate);
}

/** ` (did you mean "a" or "b"?)` for the closest candidates, or "" when none is close. */
export function didYouMean(target: string, candidates: Iterable<string>): string {
  const matches = closestMatches(target, candidates).map((m) => `"${m}"`);
  if (matches.length === 0) return "";
  const last = matches.pop();
  const list = matches.length === 0 ? last : `${matches.join(", ")} or ${last}`;
  return ` (did you mean ${list}?)`;
}
