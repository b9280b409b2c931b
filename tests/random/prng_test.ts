import {
  deepStrictEqual as assertEquals,
  notStrictEqual as assertNotEquals,
  ok as assert,
  throws as assertThrows,
} from "node:assert/strict";
import fc from "fast-check";
import { deriveSeed, Prng, sample, shuffle, weightedIndex } from "../../lib/random/mod.ts";

Deno.test("Prng reproduces the xoshiro128** reference stream from state [1, 2, 3, 4]", () => {
  // Reference outputs of Blackman & Vigna's C implementation for s = {1, 2, 3, 4}.
  const p = Prng.fromState([1, 2, 3, 4]);
  assertEquals(
    Array.from({ length: 6 }, () => p.uint32()),
    [11520, 0, 5927040, 70819200, 2031721883, 1637235492],
  );
});

Deno.test("Prng(42) yields pinned golden values (SplitMix32 seeding)", () => {
  const p = new Prng(42);
  assertEquals(
    Array.from({ length: 4 }, () => p.uint32()),
    [2837322924, 544945897, 479756282, 3500138142],
  );
  const q = new Prng(42);
  assertEquals(q.float(), 0.6606157208001621);
  assertEquals(q.float(), 0.1117019639532224);
});

Deno.test("Prng.state() and Prng.fromState() resume a stream exactly", () => {
  const p = new Prng(123);
  for (let i = 0; i < 17; i++) p.uint32();
  const resumed = Prng.fromState(p.state());
  assertEquals(
    Array.from({ length: 8 }, () => resumed.uint32()),
    Array.from({ length: 8 }, () => p.uint32()),
  );
});

Deno.test("Prng.fromState() rejects the all-zero state", () => {
  assertThrows(() => Prng.fromState([0, 0, 0, 0]), /all-zero state/);
});

Deno.test("Prng.float() stays in [0, 1) and has a mean near 1/2", () => {
  const p = new Prng(9);
  let sum = 0;
  for (let i = 0; i < 20000; i++) {
    const x = p.float();
    assert(x >= 0 && x < 1);
    sum += x;
  }
  assert(Math.abs(sum / 20000 - 0.5) < 0.01);
});

Deno.test("Prng.int() covers an inclusive range without bias and validates it", () => {
  const p = new Prng(3);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60000; i++) counts[p.int(0, 5)]++;
  for (const c of counts) assert(Math.abs(c - 10000) < 500, `count ${c}`);
  assertThrows(() => p.int(3, 2), /range \[3, 2\]/);
  assertThrows(() => p.int(0.5, 2), /not valid/);
});

Deno.test("Prng.normal() has mean 0 and variance 1", () => {
  const p = new Prng(11);
  const n = 40000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = p.normal();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  assert(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert(Math.abs(s2 / n - mean * mean - 1) < 0.03);
});

Deno.test("deriveSeed() is pinned, and differs by purpose and index", () => {
  assertEquals(deriveSeed(42, "trial", 0), 3150629502);
  assertEquals(deriveSeed(42, "trial", 1), 2387538051);
  assertEquals(deriveSeed(42, "shuffle"), 106805016);
  assertEquals(deriveSeed(42, "x", 2 ** 40), 1079131757);
  assertNotEquals(deriveSeed(42, "trial", 1), deriveSeed(43, "trial", 1));
  assertNotEquals(deriveSeed(42, "a", 1, 2), deriveSeed(42, "a", 2, 1));
  assertNotEquals(deriveSeed(42, "a"), deriveSeed(42, "a", 0));
  assertThrows(() => deriveSeed(1.5, "x"), /not an integer/);
});

Deno.test("deriveSeed() gives distinct seeds for the first 10,000 indices", () => {
  const seen = new Set<number>();
  for (let i = 0; i < 10000; i++) seen.add(deriveSeed(7, "batch", i));
  assertEquals(seen.size, 10000);
});

Deno.test("shuffle() returns a permutation without mutating its input", () => {
  fc.assert(fc.property(fc.array(fc.integer()), fc.integer(), (xs, seed) => {
    const before = xs.slice();
    const out = shuffle(new Prng(seed), xs);
    assertEquals(xs, before);
    assertEquals(out.slice().sort((a, b) => a - b), xs.slice().sort((a, b) => a - b));
  }));
  assertEquals(shuffle(new Prng(7), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [
    3,
    9,
    6,
    5,
    4,
    7,
    2,
    1,
    8,
    0,
  ]);
});

Deno.test("sample() draws k distinct items and validates k", () => {
  assertEquals(sample(new Prng(7), ["a", "b", "c", "d", "e"], 3), ["a", "e", "b"]);
  fc.assert(fc.property(fc.uniqueArray(fc.integer()), fc.nat(), (xs, seed) => {
    const k = seed % (xs.length + 1);
    const out = sample(new Prng(seed), xs, k);
    assertEquals(out.length, k);
    assertEquals(new Set(out).size, k);
    for (const x of out) assert(xs.includes(x));
  }));
  assertThrows(() => sample(new Prng(1), [1, 2], 3), /Cannot sample 3 items/);
});

Deno.test("weightedIndex() follows the weights and rejects bad ones", () => {
  const p = new Prng(5);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30000; i++) counts[weightedIndex(p, [1, 0, 3])]++;
  assertEquals(counts[1], 0);
  assert(Math.abs(counts[2] / counts[0] - 3) < 0.2);
  assertThrows(() => weightedIndex(p, [0, 0]), /all weights are zero/);
  assertThrows(() => weightedIndex(p, [1, -1]), /weight -1/);
});
