/**
 * A reader for the flat `meta.yaml` files of an MLflow store, written by us or by PyYAML's
 * `safe_dump` (YAML 1.1, block style). It reads the top-level `key: scalar` pairs — plain,
 * single- or double-quoted, folded over several lines — and skips nested values (`tags:` blocks
 * and flow collections other than `[]`/`{}`), which readers of the store ignore anyway.
 *
 * Hand-written on purpose: `npm:yaml` reads `process.env` and would force `--allow-env` on every
 * task that only reads and writes files.
 *
 * @module
 */

/** A parsed scalar: integers as `bigint` (18-digit ids do not fit a double). */
export type YamlScalar =
  | string
  | bigint
  | number
  | boolean
  | null
  | readonly []
  | Record<never, never>;

/** Thrown for text that is not a mapping of scalars; the store reader wraps it. */
export class MetaYamlSyntaxError extends Error {
  /** A syntax error at 1-based `line`. */
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = "MetaYamlSyntaxError";
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Folds line breaks as YAML does in flow scalars: one break → space, n breaks → n−1 newlines. */
function fold(raw: string, handleEscapes: boolean, line: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (handleEscapes && ch === "\\") {
      const next = raw[++i];
      if (next === "\n") { // escaped line break: join, drop the next line's indentation
        while (raw[i + 1] === " " || raw[i + 1] === "\t") i++;
      } else if (next in HEX_LENGTH) {
        const hex = raw.slice(i + 1, i + 1 + HEX_LENGTH[next]);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX_LENGTH[next]) {
          throw new MetaYamlSyntaxError(`bad escape \\${next}${hex}`, line);
        }
        out += String.fromCodePoint(parseInt(hex, 16));
        i += hex.length;
      } else if (next !== undefined && next in ESCAPES) out += ESCAPES[next];
      else throw new MetaYamlSyntaxError(`unknown escape \\${next ?? ""}`, line);
    } else if (ch === "\n") {
      out = out.replace(/[ \t]+$/, "");
      let breaks = 1;
      while (i + 1 < raw.length && /[ \t\n]/.test(raw[i + 1])) {
        if (raw[++i] === "\n") breaks++;
      }
      out += breaks === 1 ? " " : "\n".repeat(breaks - 1);
    } else out += ch;
  }
  return out;
}

/** Resolves a plain scalar with YAML 1.1's core types (null, bool, int, float), else a string. */
function resolvePlain(text: string): YamlScalar {
  if (/^(~|null|Null|NULL|)$/.test(text)) return null;
  if (/^(true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(text)) return true;
  if (/^(false|False|FALSE|no|No|NO|off|Off|OFF)$/.test(text)) return false;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(text)) {
    return BigInt(text.replaceAll("_", "").replace(/^\+/, ""));
  }
  if (/^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/.test(text)) {
    return Number(text.replaceAll("_", ""));
  }
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
  if (text === "[]") return [];
  if (text === "{}") return {};
  return text;
}

/** Reads the quoted scalar that starts at `lines[i]`'s `start`; returns it and the last line used. */
function readQuoted(lines: readonly string[], i: number, start: number): [string, number] {
  const quote = lines[i][start];
  let raw = "";
  for (let row = i, col = start + 1; row < lines.length; row++, col = 0) {
    const text = lines[row];
    for (let c = col; c < text.length; c++) {
      const ch = text[c];
      if (quote === '"' && ch === "\\") {
        raw += ch + (text[c + 1] ?? "\n");
        if (c + 1 >= text.length) break; // the escaped line break is consumed with the row
        c++;
      } else if (ch === quote && quote === "'" && text[c + 1] === "'") {
        raw += "'";
        c++;
      } else if (ch === quote) {
        if (text.slice(c + 1).trim() !== "" && !text.slice(c + 1).trim().startsWith("#")) {
          throw new MetaYamlSyntaxError("text after a closing quote", row + 1);
        }
        return [fold(raw, quote === '"', i + 1), row];
      } else raw += ch;
    }
    if (!(quote === '"' && raw.endsWith("\\\n"))) raw += "\n";
  }
  throw new MetaYamlSyntaxError("unterminated quoted scalar", i + 1);
}

/**
 * Parses a flat YAML mapping into `key → scalar`. Nested blocks read as `{}`.
 */
export function parseFlatYaml(text: string): Record<string, YamlScalar> {
  const lines = text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n").split("\n");
  const out: Record<string, YamlScalar> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line) || line === "---" || line === "...") continue;
    if (/^\s/.test(line)) throw new MetaYamlSyntaxError("unexpected indentation", i + 1);
    const m = /^([^\s:#'"][^:]*?|'[^']*'|"[^"]*"):(?:[ \t]+(.*))?$/.exec(line);
    if (!m) {
      throw new MetaYamlSyntaxError(`not a "key: value" line: ${JSON.stringify(line)}`, i + 1);
    }
    const key = m[1].replace(/^(['"])(.*)\1$/, "$2");
    const rest = (m[2] ?? "").replace(/[ \t]+#.*$/, "").trimEnd();
    const valueStart = line.length - (m[2] ?? "").length;
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const [value, last] = readQuoted(lines, i, valueStart);
      out[key] = value;
      i = last;
      continue;
    }
    // Continuation lines (indented) belong to this key: a folded plain scalar or a nested block.
    const continuation: string[] = [];
    const belongs = (next: string): boolean =>
      /^\s/.test(next) || next === "" || (rest === "" && /^-( |$)/.test(next));
    while (i + 1 < lines.length && belongs(lines[i + 1])) {
      continuation.push(lines[++i]);
    }
    while (continuation.length && continuation.at(-1)?.trim() === "") continuation.pop();
    if (rest === "" && continuation.length > 0) out[key] = {}; // a nested block (e.g. tags)
    else if (rest.startsWith("[") || rest.startsWith("{")) {
      out[key] = rest === "[]" ? [] : rest === "{}" ? {} : rest.startsWith("[") ? [] : {};
    } else {
      out[key] = resolvePlain(fold([rest, ...continuation].join("\n"), false, i + 1).trim());
    }
  }
  return out;
}
