import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ConfigError,
  type ConfigNode,
  formatOverride,
  parseOverride,
} from "../../lib/config/mod.ts";

const value = (token: string): ConfigNode | undefined => parseOverride(token).value;

Deno.test("parseOverride() tells set, add, force and delete apart", () => {
  assert.deepEqual(parseOverride("a.b=1"), { op: "set", key: "a.b", value: 1, token: "a.b=1" });
  assert.deepEqual(parseOverride("+a.b=1"), { op: "add", key: "a.b", value: 1, token: "+a.b=1" });
  assert.deepEqual(parseOverride("++a.b=1"), {
    op: "force",
    key: "a.b",
    value: 1,
    token: "++a.b=1",
  });
  assert.deepEqual(parseOverride("~a.b"), { op: "delete", key: "a.b", token: "~a.b" });
  assert.deepEqual(parseOverride("~a.b=x"), {
    op: "delete",
    key: "a.b",
    value: "x",
    token: "~a.b=x",
  });
});

Deno.test("parseOverride() reads numbers the way Hydra does, exponents included", () => {
  assert.equal(value("lr=3e-5"), 3e-5);
  assert.equal(value("lr=1e-5"), 1e-5);
  assert.equal(value("lr=2.0e-5"), 2e-5);
  assert.equal(value("lr=-1.5E3"), -1500);
  assert.equal(value("n=10"), 10);
  assert.equal(value("n=.5"), 0.5);
  assert.equal(value("n=inf"), Infinity);
});

Deno.test("parseOverride() reads numbers by Hydra's lexer: leading zeros stay text, _ groups digits", () => {
  assert.equal(value("run=007"), "007");
  assert.equal(value("run=01.5"), "01.5");
  assert.equal(value("n=0"), 0);
  assert.equal(value("n=-0.5"), -0.5);
  assert.equal(value("n=1_000"), 1000);
  assert.equal(value("n=1_000.5"), 1000.5);
  assert.equal(value("n=1__0"), "1__0");
  assert.equal(value("n=1."), 1);
  assert.deepEqual(value("x=[007, 8]"), ["007", 8]);
});

Deno.test("parseOverride() reads null, booleans and bare strings", () => {
  assert.equal(value("x=null"), null);
  assert.equal(value("x=true"), true);
  assert.equal(value("x=False"), false);
  assert.equal(value("x=cosine_with_restarts"), "cosine_with_restarts");
  assert.equal(value("x=microsoft/deberta-v3-base"), "microsoft/deberta-v3-base");
  assert.equal(value("x= spaced text "), "spaced text");
  assert.equal(value("x="), "");
});

Deno.test("parseOverride() keeps quoted values as strings", () => {
  assert.equal(value("x='3'"), "3");
  assert.equal(value('x="true"'), "true");
  assert.equal(value("x='a,b'"), "a,b");
  assert.equal(value("x='it\\'s'"), "it's");
  assert.equal(value("x=''"), "");
});

Deno.test("parseOverride() reads flow lists and maps, with or without spaces after ':'", () => {
  assert.deepEqual(value("x=[8,16]"), [8, 16]);
  assert.deepEqual(value("x=[ 8 , 16, 32 ]"), [8, 16, 32]);
  assert.deepEqual(value("x=[]"), []);
  assert.deepEqual(value("x={a:1}"), { a: 1 });
  assert.deepEqual(value("x={a: 1, b: [x, 'y'], c: {d: null}}"), {
    a: 1,
    b: ["x", "y"],
    c: { d: null },
  });
  assert.deepEqual(value("x=[[1,2],[3]]"), [[1, 2], [3]]);
  assert.deepEqual(value("x=[query, value]"), ["query", "value"]);
});

Deno.test("parseOverride() reads Hydra's backslash escapes in unquoted values as text", () => {
  assert.equal(value("x=a\\,b"), "a,b");
  assert.equal(value("x=a\\ "), "a ");
  assert.equal(value("x=\\[1\\]"), "[1]");
  assert.equal(value("x=c:\\\\tmp"), "c:\\tmp");
  assert.equal(value("x=1\\,5"), "1,5");
  assert.equal(value("x=a\\b"), "a\\b"); // not an escape: the backslash stays
  assert.deepEqual(value("x=[a\\,b, c]"), ["a,b", "c"]);
});

Deno.test("parseOverride() keeps interpolations as text for later resolution", () => {
  assert.equal(value("x=${seed}"), "${seed}");
  assert.equal(value("x=${env:HOME,/a,b}"), "${env:HOME,/a,b}");
  assert.deepEqual(value("x=[${a}, ${b}]"), ["${a}", "${b}"]);
});

Deno.test("parseOverride() says which token is bad and why", () => {
  const cases: [string, RegExp][] = [
    ["training.lr", /Cannot parse override "training.lr": expected key=value/],
    ["=5", /Cannot parse override "=5": the key before "=" is empty/],
    ["a b=1", /"a b" is not a valid key/],
    ["a..b=1", /"a..b" is not a valid key/],
    ["x=[1,2", /Cannot parse override "x=\[1,2": expected one of/],
    ["x={a 1}", /expected one of ":"/],
    ["x='open", /unterminated ' quote/],
    ["x=a,b", /sweep, which is not supported/],
    ["x=[1] tail", /unexpected text after the value/],
  ];
  for (const [token, message] of cases) {
    assert.throws(() => parseOverride(token), (e: Error) => {
      assert.ok(e instanceof ConfigError, token);
      assert.match(e.message, message);
      return true;
    });
  }
});

Deno.test("parseOverride() round-trips every finite number written by JavaScript", () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const parsed = value(`x=${String(n)}`);
      assert.ok(Object.is(parsed, n) || (parsed === 0 && n === 0), `${n} → ${parsed}`);
    }),
  );
});

Deno.test("parseOverride() returns any single-quoted text unchanged", () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      const quoted = `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
      assert.equal(value(`x=${quoted}`), text);
    }),
  );
});

const anyValue: fc.Arbitrary<ConfigNode> = fc.letrec<{ node: ConfigNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string(),
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1 }).filter((k) => k !== "__proto__"), tie("node"), {
      maxKeys: 3,
      noNullPrototype: true,
    }),
  ),
})).node;

Deno.test("formatOverride() writes tokens that parseOverride() reads back to the same value", () => {
  fc.assert(
    fc.property(anyValue, (v) => {
      assert.deepEqual(parseOverride(formatOverride("a.b", v)).value, v);
    }),
    { numRuns: 300 },
  );
  for (const v of [-0, NaN, -Infinity, "", " x", "null", "${seed}", "a'b\\c"]) {
    assert.deepEqual(parseOverride(formatOverride("a", v)).value, v, String(v));
  }
});
