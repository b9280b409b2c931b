/**
 * Runs every notebook under `notebooks/` as the Deno kernel would: its code cells in order, as
 * one module, from a temporary working directory (so its outputs land there). Paths that climb
 * out of `notebooks/` ("../mod.ts", "../configs") are pointed at the repository.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

interface NotebookCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
}

/** The code cells of a notebook as one module, with `../x` made absolute. */
export function notebookModule(notebook: { readonly cells: readonly NotebookCell[] }): string {
  const root = pathToFileURL(ROOT).href;
  return notebook.cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => (typeof cell.source === "string" ? cell.source : cell.source.join("")))
    .join("\n\n")
    .replaceAll('"../mod.ts"', `"${root}/mod.ts"`)
    .replaceAll('"../configs"', JSON.stringify(join(ROOT, "configs")));
}

Deno.test("notebookModule() joins code cells and re-roots relative paths", () => {
  const module = notebookModule({
    cells: [
      { cell_type: "markdown", source: "# t" },
      { cell_type: "code", source: ['import { x } from "../mod.ts";\n', "x;"] },
      { cell_type: "code", source: 'const c = "../configs";' },
    ],
  });
  equal(module.split("\n\n").length, 2);
  ok(module.includes(`${pathToFileURL(ROOT).href}/mod.ts`));
  ok(!module.includes('"../'));
});

Deno.test("notebooks/*.ipynb run from top to bottom through mod.ts", async () => {
  const names = [...Deno.readDirSync(join(ROOT, "notebooks"))]
    .map((e) => e.name)
    .filter((n) => n.endsWith(".ipynb"));
  ok(names.length > 0, "there is a notebook");
  for (const name of names) {
    const tmp = await Deno.makeTempDir();
    try {
      const notebook = JSON.parse(await Deno.readTextFile(join(ROOT, "notebooks", name)));
      const module = join(tmp, "notebook.ts");
      await Deno.writeTextFile(module, notebookModule(notebook));
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--check",
          `--config=${join(ROOT, "deno.json")}`,
          "--allow-read",
          "--allow-write",
          "--allow-env",
          "--allow-sys",
          module,
        ],
        cwd: tmp,
        stdout: "null",
        stderr: "piped",
      }).output();
      deepEqual({ name, code, stderr: code === 0 ? "" : new TextDecoder().decode(stderr) }, {
        name,
        code: 0,
        stderr: "",
      });
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  }
});
