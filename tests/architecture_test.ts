/**
 * Reads every module's imports and fails on an edge that breaks the arrows of DESIGN §2.
 *
 * The rules: a room imports only the rooms DESIGN lists for it (every room may use `random`, the
 * source of all seeded draws); a cross-room import goes through the other room's `mod.ts`;
 * `onnxruntime-node` is imported only by `lib/onnx`; `lib/` never imports `tasks/`, `tests/`,
 * `bench/` or `examples/`; `lib/` has no `console`, `Deno.env`, `Deno.args` or `Math.random`.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), ".."));

/** Rooms each room may import (DESIGN §2), besides itself and `random`. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  random: [],
  config: [],
  tracking: [],
  graph: [],
  autodiff: ["graph"],
  onnx: ["graph"],
  models: ["graph", "onnx"],
  data: ["config"],
  augment: [],
  eval: ["onnx"],
  train: ["graph", "autodiff", "onnx", "models", "data", "augment", "eval"],
  hpo: [],
  pipeline: [
    "config",
    "tracking",
    "graph",
    "autodiff",
    "onnx",
    "models",
    "data",
    "augment",
    "train",
    "eval",
    "hpo",
  ],
};

/** npm packages confined to some rooms. */
const CONFINED: Readonly<Record<string, readonly string[]>> = {
  "onnxruntime-node": ["onnx"],
};

const IMPORT_RE =
  /(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|new\s+URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g;
const FORBIDDEN_IN_LIB: readonly [RegExp, string][] = [
  [/\bconsole\.\w+\(/, "console"],
  [/\bDeno\.env\b/, "Deno.env"],
  [/\bDeno\.args\b/, "Deno.args"],
  [/\bMath\.random\(/, "Math.random"],
];

/** Strips comments so that examples in TSDoc do not count as imports. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function roomOf(path: string): string | null {
  const m = /^lib\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

/** Every violation in a set of files (repo-relative path → source). */
export function findViolations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [path, raw] of files) {
    const room = roomOf(path);
    const source = stripComments(raw);
    for (const m of source.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith(".")) {
        const target = normalize(join(dirname(path), spec));
        const targetRoom = roomOf(target);
        if (room !== null && !target.startsWith("lib/")) {
          out.push(`${path}: lib imports outside lib: "${spec}"`);
        } else if (room !== null && targetRoom !== null && targetRoom !== room) {
          if (targetRoom !== "random" && !(ALLOWED[room] ?? []).includes(targetRoom)) {
            out.push(`${path}: room "${room}" may not import room "${targetRoom}" ("${spec}")`);
          } else if (!target.endsWith(`lib/${targetRoom}/mod.ts`)) {
            out.push(`${path}: cross-room import must go through mod.ts ("${spec}")`);
          }
        }
      } else {
        const pkg = spec.replace(/^npm:/, "").replace(/@[\d.^~]+.*$/, "");
        const rooms = CONFINED[pkg];
        if (rooms && !(room !== null && rooms.includes(room))) {
          out.push(`${path}: "${pkg}" may only be imported in lib/${rooms.join(", lib/")}`);
        }
      }
    }
    if (room !== null) {
      for (const [re, what] of FORBIDDEN_IN_LIB) {
        if (re.test(source)) out.push(`${path}: ${what} is not allowed in lib/`);
      }
    }
  }
  return out;
}

async function collect(dir: string, files: Map<string, string>): Promise<void> {
  for await (const entry of Deno.readDir(join(ROOT, dir))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "testdata") await collect(path, files);
    else if (entry.isFile && /\.(ts|tsx|js|mjs)$/.test(entry.name)) {
      files.set(relative(ROOT, join(ROOT, path)), await Deno.readTextFile(join(ROOT, path)));
    }
  }
}

Deno.test("architecture: every import in the tree follows the arrows of DESIGN §2", async () => {
  const files = new Map<string, string>();
  for (const dir of ["lib", "tasks", "tests", "bench", "examples"]) {
    try {
      await collect(dir, files);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  files.delete("tests/architecture_test.ts"); // its fixtures quote forbidden imports on purpose
  ok(files.size > 5, "the scan found the project's modules");
  deepStrictEqual(findViolations(files), []);
});

Deno.test("architecture: the checker flags forbidden edges, deep imports and globals", () => {
  const files = new Map([
    ["lib/hpo/study.ts", 'import { Trainer } from "../train/mod.ts";'],
    ["lib/train/loop.ts", 'import { gradients } from "../autodiff/walker.ts";'],
    ["lib/data/x.ts", 'import * as ort from "onnxruntime-node";\nconsole.log(1);'],
    ["lib/eval/y.ts", 'import { main } from "../../tasks/train.ts";'],
    ["lib/graph/z.ts", "// console.log(Math.random()) in a comment is fine\nexport {};"],
    ["tasks/t.ts", 'import { Prng } from "../lib/random/mod.ts"; console.log(Deno.args);'],
    ["lib/onnx/w.ts", 'const w = new Worker(new URL("../train/worker.ts", import.meta.url));'],
  ]);
  deepStrictEqual(findViolations(files), [
    'lib/hpo/study.ts: room "hpo" may not import room "train" ("../train/mod.ts")',
    'lib/train/loop.ts: cross-room import must go through mod.ts ("../autodiff/walker.ts")',
    'lib/data/x.ts: "onnxruntime-node" may only be imported in lib/onnx',
    "lib/data/x.ts: console is not allowed in lib/",
    'lib/eval/y.ts: lib imports outside lib: "../../tasks/train.ts"',
    'lib/onnx/w.ts: room "onnx" may not import room "train" ("../train/worker.ts")',
  ]);
});
