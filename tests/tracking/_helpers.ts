/** Shared helpers for the tracking tests (not a test file itself). */
import { join, relative } from "node:path";
import type { MlflowIdGenerator } from "../../lib/tracking/mod.ts";

/** A clock that starts at `start` and advances 1 ms per call, so call order pins every time. */
export function steppingClock(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => now++;
}

/** Ids from fixed lists, in order. */
export function fixedIds(experimentIds: string[], runIds: string[]): MlflowIdGenerator {
  const e = [...experimentIds], r = [...runIds];
  return {
    experimentId: () => e.shift() ?? "999999999999999999",
    runId: () => {
      const id = r.shift();
      if (id === undefined) throw new Error("fixedIds: out of run ids");
      return id;
    },
  };
}

/**
 * Renders a folder tree as text: `dir <path>/` lines for folders and `file <path> (<n> bytes)`
 * headers followed by the exact content and a newline. `replace` substitutes machine-specific
 * strings (the temp root URI) before rendering.
 */
export function renderTree(root: string, replace: ReadonlyArray<[string, string]> = []): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (entry.isDirectory) {
        out.push(`dir ${rel}/\n`);
        walk(path);
      } else {
        let text = Deno.readTextFileSync(path);
        for (const [from, to] of replace) text = text.replaceAll(from, to);
        out.push(`file ${rel} (${new TextEncoder().encode(text).length} bytes)\n${text}\n`);
      }
    }
  };
  walk(root);
  return out.join("");
}

/** Every file below `dir`, as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of Deno.readDirSync(d)) {
      const path = join(d, entry.name);
      if (entry.isDirectory) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}
