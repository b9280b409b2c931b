/**
 * JSON as Python's `json` module writes and reads it, for Optuna journal lines: non-finite
 * numbers are the bare tokens `NaN`, `Infinity`, `-Infinity` (which `JSON.stringify` would turn
 * into `null` and `JSON.parse` rejects), floats are written with Python's `repr` (`3.0`,
 * `1e-06`), non-ASCII text is escaped as `\uXXXX`, separators are compact (`,` and `:`, as
 * Optuna ≥ 4.0 writes).
 *
 * @module
 */
import type { JsonValue } from "./types.ts";

/** A number that Python must read back as a float (written `3.0`, never `3`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** What {@link toJsonText} writes: JSON values, with floats marked where it matters. */
export type JsonOut =
  | JsonValue
  | PyFloat
  | readonly JsonOut[]
  | { readonly [key: string]: JsonOut };

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  let text: string;
  if (exp < 0) text = `0.${"0".repeat(-exp - 1)}${digits}`;
  else if (digits.length > exp + 1) text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else text = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return negative ? `-${text}` : text;
}

function numberText(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : pythonFloatRepr(x);
}

/**
 * A JSON string literal escaped like Python's `json.dumps` (`ensure_ascii=True`): non-ASCII as
 * `\uXXXX`; DEL (0x7f) is ASCII and stays raw.
 */
export function pythonString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Serialises `value` as one line of Python-compatible JSON (no trailing newline). */
export function toJsonText(value: JsonOut): string {
  if (value === null) return "null";
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return numberText(value);
    case "string":
      return pythonString(value);
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  const record = value as { readonly [key: string]: JsonOut };
  const parts = Object.keys(record).map((k) => `${pythonString(k)}:${toJsonText(record[k])}`);
  return `{${parts.join(",")}}`;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  "NaN": Number.NaN,
  "Infinity": Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** A recursive-descent JSON reader that also accepts `NaN`, `Infinity` and `-Infinity`. */
class LenientJsonReader {
  #pos = 0;
  constructor(readonly text: string) {}

  read(): JsonValue {
    const value = this.#value();
    this.#ws();
    if (this.#pos !== this.text.length) this.#fail("trailing characters");
    return value;
  }

  #fail(what: string): never {
    throw new SyntaxError(`Invalid JSON at offset ${this.#pos}: ${what}`);
  }

  #ws(): void {
    while (/\s/.test(this.text[this.#pos] ?? "")) this.#pos++;
  }

  #value(): JsonValue {
    this.#ws();
    const c = this.text[this.#pos];
    if (c === "{") return this.#object();
    if (c === "[") return this.#array();
    if (c === '"') return this.#string();
    for (const [token, value] of Object.entries(NON_FINITE)) {
      if (this.text.startsWith(token, this.#pos)) {
        this.#pos += token.length;
        return value;
      }
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.text.slice(this.#pos, this.#pos + 400),
    );
    if (m === null) this.#fail("unexpected token");
    this.#pos += m[0].length;
    return JSON.parse(m[0]);
  }

  #string(): string {
    // deno-lint-ignore no-control-regex -- JSON forbids raw control characters in strings
    const m = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(this.text.slice(this.#pos));
    if (m === null) this.#fail("unterminated string");
    this.#pos += m[0].length;
    return JSON.parse(m[0]);
  }

  #array(): JsonValue[] {
    this.#pos++;
    const out: JsonValue[] = [];
    this.#ws();
    if (this.text[this.#pos] === "]") {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.#value());
      this.#ws();
      const c = this.text[this.#pos++];
      if (c === "]") return out;
      if (c !== ",") this.#fail("expected , or ]");
    }
  }

  #object(): Record<string, JsonValue> {
    this.#pos++;
    const out: Record<string, JsonValue> = {};
    this.#ws();
    if (this.text[this.#pos] === "}") {
      this.#pos++;
      return out;
    }
    for (;;) {
      this.#ws();
      if (this.text[this.#pos] !== '"') this.#fail("expected a key");
      const key = this.#string();
      this.#ws();
      if (this.text[this.#pos++] !== ":") this.#fail("expected :");
      out[key] = this.#value();
      this.#ws();
      const c = this.text[this.#pos++];
      if (c === "}") return out;
      if (c !== ",") this.#fail("expected , or }");
    }
  }
}

/**
 * Parses one journal line: standard JSON, plus the bare `NaN`/`Infinity`/`-Infinity` tokens
 * Python writes. Throws `SyntaxError` on anything else.
 */
export function parseJsonLine(text: string): JsonValue {
  try {
    return JSON.parse(text);
  } catch {
    return new LenientJsonReader(text).read();
  }
}
