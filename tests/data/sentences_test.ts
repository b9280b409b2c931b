import { deepEqual, equal } from "node:assert/strict";
import fc from "fast-check";
import { locateSentence, segmentText, splitSentences } from "../../lib/data/mod.ts";

const wordy = fc.string({
  unit: fc.constantFrom("a", "b", " ", ".", "!", "?", "\n", "'", "É", "😀"),
});

Deno.test("splitSentences() spans slice back to their text, in order, without overlaps", () => {
  fc.assert(
    fc.property(wordy, (text) => {
      let last = 0;
      for (const s of splitSentences(text)) {
        equal(text.slice(s.start, s.end), s.text);
        equal(s.text, s.text.trim());
        equal(s.start >= last && s.end > s.start, true);
        last = s.end;
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("splitSentences() loses no non-space character", () => {
  fc.assert(
    fc.property(wordy, (text) => {
      const joined = splitSentences(text).map((s) => s.text).join("");
      equal(joined.replace(/\s/g, ""), text.replace(/\s/g, ""));
    }),
    { numRuns: 300 },
  );
});

Deno.test("splitSentences() ends sentences at . ! ? (with closing quotes) and at line breaks", () => {
  const text = 'He said "stop." Then what?! I left...\nNew line here\n\nLast one';
  deepEqual(splitSentences(text).map((s) => s.text), [
    'He said "stop."',
    "Then what?!",
    "I left...",
    "New line here",
    "Last one",
  ]);
});

Deno.test("segmentText() keeps anchors whole and splits only the text around them", () => {
  const text = "Intro here. I can't sleep. at all. Bye now. Really.";
  const anchor = { start: 12, end: 34 }; // "I can't sleep. at all."
  const out = segmentText(text, [anchor, anchor]);
  deepEqual(out.map((s) => s.text), [
    "Intro here.",
    "I can't sleep. at all.",
    "Bye now.",
    "Really.",
  ]);
  for (const s of out) equal(text.slice(s.start, s.end), s.text);
});

Deno.test("segmentText() ignores an anchor that overlaps an earlier one", () => {
  const text = "One two. Three four.";
  const out = segmentText(text, [{ start: 0, end: 8 }, { start: 4, end: 14 }]);
  deepEqual(out.map((s) => s.text), ["One two.", "Three four."]);
});

Deno.test("locateSentence() finds verbatim text first, else ignores case and whitespace runs", () => {
  const post = "I can't SLEEP.\nI  can't\tsleep at all.";
  deepEqual(locateSentence(post, "I can't SLEEP."), { start: 0, end: 14, verbatim: true });
  const found = locateSentence(post, " i can't sleep AT all. ");
  deepEqual(found, { start: 15, end: 37, verbatim: false });
  equal(post.slice(found!.start, found!.end), "I  can't\tsleep at all.");
  equal(locateSentence(post, "I cant sleep"), undefined);
  equal(locateSentence(post, "   "), undefined);
});

Deno.test("locateSentence() ignores the sentence's own surrounding whitespace, so spans never start or end in it", () => {
  const post = "Hi all. I can't sleep.\nBye.";
  for (
    const sentence of [
      " I can't sleep.",
      "I can't sleep.\n",
      "I can't sleep. ",
      "\tI can't sleep.\r\n",
    ]
  ) {
    deepEqual(locateSentence(post, sentence), { start: 8, end: 22, verbatim: true }, sentence);
  }
  deepEqual(locateSentence(post, "\nBye."), { start: 23, end: 27, verbatim: true });
});
