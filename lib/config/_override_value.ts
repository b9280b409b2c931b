/**
 * Parses the value side of a command-line override, a subset of Hydra's grammar: primitives
 * (`null`, `true`, ints, floats such as `3e-5`, bare strings with backslash escapes such as
 * `a\,b`), quoted strings (always strings), flow lists `[8, 16]` and flow maps `{a: 1, b: x}`
 * (a space after `:` is optional, as in Hydra).
 *
 * @module
 */
import type { ConfigNode } from "./config_tree.ts";

/** A value that cannot be parsed; the message says why (the caller adds the token). */
export class OverrideValueError extends Error {}

// Hydra's OverrideLexer: no leading zeros (`007` is text), `_` between digits (`1_000`). Unlike
// Hydra, an exponent may have leading zeros (`1e-08`), since nobody means that as text.
const DIGITS = String.raw`\d(?:_?\d)*`;
const UINT = String.raw`(?:0|[1-9](?:_?\d)*)`;
const POINT = String.raw`(?:${UINT}\.(?:${DIGITS})?|\.${DIGITS})`;
const INT = new RegExp(`^[+-]?${UINT}$`);
const FLOAT = new RegExp(`^[+-]?(?:${POINT}|(?:${POINT}|${UINT})[eE][+-]?${DIGITS})$`);

/** Converts an unquoted primitive to null, boolean, number or (trimmed) string. */
export function parsePrimitive(text: string): ConfigNode {
  const trimmed = text.trim();
  if (/^(null|~)$/i.test(trimmed)) return null;
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  if (INT.test(trimmed) || FLOAT.test(trimmed)) return Number(trimmed.replaceAll("_", ""));
  if (/^[+-]?inf$/i.test(trimmed)) return trimmed.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(trimmed)) return NaN;
  return trimmed;
}

/** Characters that a backslash escapes in an unquoted value (Hydra's override grammar). */
const ESCAPABLE = "\\, \t()[]{}:=";

interface Cursor {
  readonly text: string;
  pos: number;
}

function skipSpace(c: Cursor): void {
  while (c.pos < c.text.length && /\s/.test(c.text[c.pos])) c.pos++;
}

function readQuoted(c: Cursor): string {
  const quote = c.text[c.pos++];
  let out = "";
  while (c.pos < c.text.length) {
    const ch = c.text[c.pos++];
    if (ch === "\\" && (c.text[c.pos] === quote || c.text[c.pos] === "\\")) {
      out += c.text[c.pos++];
    } else if (ch === quote) {
      return out;
    } else {
      out += ch;
    }
  }
  throw new OverrideValueError(`unterminated ${quote} quote`);
}

/** Reads an unquoted run up to a stop character at depth 0, skipping over `${…}` spans. */
function readBare(c: Cursor, stops: string): string {
  const start = c.pos;
  let depth = 0;
  while (c.pos < c.text.length) {
    const ch = c.text[c.pos];
    if (ch === "$" && c.text[c.pos + 1] === "{") {
      depth++;
      c.pos += 2;
      continue;
    }
    if (depth === 0 && ch === "\\" && ESCAPABLE.includes(c.text[c.pos + 1] ?? "")) {
      c.pos += 2;
      continue;
    }
    if (ch === "}" && depth > 0) depth--;
    else if (depth === 0 && stops.includes(ch)) break;
    c.pos++;
  }
  return c.text.slice(start, c.pos);
}

/**
 * An unquoted run as a value: Hydra's escapes (`\,` `\ ` `\\` `\[` …) outside `${…}` become
 * the character, and a value with an escape in it is text. Unescaped outer blanks are trimmed.
 */
function bareValue(raw: string): ConfigNode {
  const chars: { ch: string; escaped: boolean }[] = [];
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    const escape = depth === 0 && ch === "\\" && ESCAPABLE.includes(raw[i + 1] ?? "");
    if (escape) i++;
    else if (ch === "$" && raw[i + 1] === "{") depth++;
    else if (ch === "}" && depth > 0) depth--;
    chars.push({ ch: raw[i], escaped: escape });
  }
  const blank = (k: number): boolean => !chars[k].escaped && /\s/.test(chars[k].ch);
  let start = 0;
  let end = chars.length;
  while (start < end && blank(start)) start++;
  while (end > start && blank(end - 1)) end--;
  const kept = chars.slice(start, end);
  const text = kept.map((k) => k.ch).join("");
  return kept.some((k) => k.escaped) ? text : parsePrimitive(text);
}

function readElement(c: Cursor, stops: string): ConfigNode {
  skipSpace(c);
  const ch = c.text[c.pos];
  if (ch === "[") return readList(c);
  if (ch === "{") return readMap(c);
  if (ch === "'" || ch === '"') {
    const value = readQuoted(c);
    skipSpace(c);
    return value;
  }
  const bare = readBare(c, stops);
  if (bare.trim() === "") throw new OverrideValueError(`empty element at position ${c.pos}`);
  return bareValue(bare);
}

function expect(c: Cursor, chars: string): string {
  skipSpace(c);
  const ch = c.text[c.pos];
  if (ch === undefined || !chars.includes(ch)) {
    const found = ch === undefined ? "end of value" : `"${ch}"`;
    throw new OverrideValueError(
      `expected one of ${[...chars].map((x) => `"${x}"`).join(", ")} but found ${found}`,
    );
  }
  c.pos++;
  return ch;
}

function readList(c: Cursor): ConfigNode[] {
  c.pos++; // [
  const items: ConfigNode[] = [];
  skipSpace(c);
  if (c.text[c.pos] === "]") {
    c.pos++;
    return items;
  }
  for (;;) {
    items.push(readElement(c, ",]"));
    if (expect(c, ",]") === "]") return items;
  }
}

function readMap(c: Cursor): Record<string, ConfigNode> {
  c.pos++; // {
  const map: Record<string, ConfigNode> = {};
  skipSpace(c);
  if (c.text[c.pos] === "}") {
    c.pos++;
    return map;
  }
  for (;;) {
    skipSpace(c);
    const q = c.text[c.pos];
    const key = q === "'" || q === '"' ? readQuoted(c) : readBare(c, ":,}").trim();
    if (key === "") throw new OverrideValueError(`empty key in map at position ${c.pos}`);
    expect(c, ":");
    map[key] = readElement(c, ",}");
    if (expect(c, ",}") === "}") return map;
  }
}

/** Parses an override's value text; throws {@link OverrideValueError} saying why it cannot. */
export function parseOverrideValue(text: string): ConfigNode {
  const c: Cursor = { text, pos: 0 };
  skipSpace(c);
  if (c.pos === text.length) return "";
  const first = text[c.pos];
  if (first === "[" || first === "{" || first === "'" || first === '"') {
    const value = readElement(c, "");
    skipSpace(c);
    if (c.pos < text.length) {
      throw new OverrideValueError(`unexpected text after the value: "${text.slice(c.pos)}"`);
    }
    return value;
  }
  const bare = readBare(c, ",");
  if (c.pos < text.length) {
    throw new OverrideValueError(
      "a bare comma makes a sweep, which is not supported; quote the value, escape it as \\," +
        " or use [a, b]",
    );
  }
  return bareValue(bare);
}
