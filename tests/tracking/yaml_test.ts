import { equal } from "node:assert/strict";
import fc from "fast-check";
import { parse } from "yaml";
import { renderMetaYaml, yamlString } from "../../lib/tracking/_yaml.ts";
import { parseFlatYaml } from "../../lib/tracking/_yaml_read.ts";

// Lone surrogates have no UTF-8 form (yamlString writes U+FFFD for them), so draw well-formed text.
const text = fc.string({ unit: "grapheme", maxLength: 40 });

Deno.test("yamlString() output is pure ASCII and reads back exactly with an independent YAML 1.1 parser", () => {
  fc.assert(
    fc.property(text, (s) => {
      const quoted = yamlString(s);
      equal(/^[\x20-\x7e]*$/.test(quoted), true);
      equal(parse(`k: ${quoted}\n`, { version: "1.1" }).k, s);
    }),
    { numRuns: 500 },
  );
});

Deno.test("parseFlatYaml() reads back every meta.yaml renderMetaYaml() writes", () => {
  fc.assert(
    fc.property(
      text,
      text,
      fc.maxSafeNat(),
      fc.option(fc.maxSafeNat()),
      (name, user, start, end) => {
        const doc = parseFlatYaml(
          renderMetaYaml({
            run_name: name,
            user_id: user,
            start_time: start,
            end_time: end,
            tags: [],
          }),
        );
        equal(doc.run_name, name);
        equal(doc.user_id, user);
        equal(doc.start_time, BigInt(start));
        equal(doc.end_time, end === null ? null : BigInt(end));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("parseFlatYaml() agrees with an independent YAML 1.1 parser on folded double-quoted scalars", () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: "grapheme-ascii", maxLength: 12 }), { maxLength: 6 }),
      (parts) => {
        // PyYAML-style folding: a long double-quoted scalar split with escaped line breaks.
        const body = parts.map((p) => yamlString(p).slice(1, -1)).join("\\\n  ");
        const line = `k: "${body}"\n`;
        equal(parseFlatYaml(line).k, parse(line, { version: "1.1" }).k);
      },
    ),
    { numRuns: 300 },
  );
});
