import { deepEqual, doesNotMatch, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import { DataError, formatCsv, readCsvTable } from "../../lib/data/mod.ts";

function dataError(file: string, line: number, column?: string): (e: unknown) => boolean {
  return (e) =>
    e instanceof DataError && e.file === file && e.line === line &&
    (column === undefined || e.column === column) && e.message.startsWith(`${file}:${line}`);
}

Deno.test("readCsvTable() keeps quoted multi-line fields and reports each record's start line", () => {
  const text = 'post_id,text\r\np1,"a\r\nb, c"\r\n\r\np2,"say ""hi"""\r\np3,x\r\n';
  const table = readCsvTable(text, { file: "p.csv" });
  deepEqual(table.header, ["post_id", "text"]);
  deepEqual(table.records.map((r) => r.values.text), ["a\r\nb, c", 'say "hi"', "x"]);
  deepEqual(table.records.map((r) => r.line), [2, 5, 6]);
});

Deno.test("readCsvTable() strips a UTF-8 BOM from the header", () => {
  const table = readCsvTable("\uFEFFpost_id,text\np1,x\n", {
    file: "p.csv",
    requiredColumns: ["post_id"],
  });
  equal(table.records[0].values.post_id, "p1");
});

Deno.test("readCsvTable() names file, line 1 and the column when a required column is missing", () => {
  throws(
    () => readCsvTable("post_id,body\np1,x\n", { file: "p.csv", requiredColumns: ["text"] }),
    dataError("p.csv", 1, "text"),
  );
});

Deno.test("readCsvTable() names the line where an unclosed quote's record starts", () => {
  throws(
    () => readCsvTable('id,text\na,ok\nb,"never\nclosed\nat all\n', { file: "x.csv" }),
    dataError("x.csv", 3),
  );
});

Deno.test("readCsvTable() names the line of a record with the wrong number of fields", () => {
  throws(() => readCsvTable("a,b\n1,2\n3\n", { file: "x.csv" }), dataError("x.csv", 3));
});

Deno.test("formatCsv() output reads back to the same cells (any text)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.string(), fc.string({ unit: "grapheme" })), { minLength: 1 }),
      (rows) => {
        const cells = rows.map(([a, b]) => ["k" + a, b]);
        const table = readCsvTable(formatCsv(["id", "text"], cells), { file: "t.csv" });
        deepEqual(table.records.map((r) => [r.values.id, r.values.text]), cells);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("readCsvTable() reads a BOM, CRLF, blank lines, a reordered padded header, an extra column and no final newline", () => {
  const text = '\uFEFF text , extra ,post_id\r\n\r\n"a\r\n\r\nb",1,p1\r\n\r\n\r\nplain,2,p2';
  const table = readCsvTable(text, { file: "p.csv", requiredColumns: ["post_id", "text"] });
  deepEqual(table.header, ["text", "extra", "post_id"]);
  deepEqual(table.records.map((r) => [r.line, r.values.post_id, r.values.text]), [
    [3, "p1", "a\r\n\r\nb"],
    [8, "p2", "plain"],
  ]);
});

Deno.test("readCsvTable() rejects a header that names a column twice, naming line 1 and the column", () => {
  throws(
    () => readCsvTable("post_id,text, text\np1,a,b\n", { file: "p.csv" }),
    dataError("p.csv", 1, "text"),
  );
  throws(
    () => readCsvTable("\n\npost_id,body\np1,x\n", { file: "p.csv", requiredColumns: ["text"] }),
    dataError("p.csv", 3, "text"),
  );
});

Deno.test("readCsvTable() counts lines of a file with bare CR line ends", () => {
  const table = readCsvTable('id,text\rp1,"a\rb"\rp2,x\r', { file: "p.csv" });
  deepEqual(table.records.map((r) => [r.line, r.values.text]), [[2, "a\rb"], [4, "x"]]);
  throws(() => readCsvTable("a,b\r1,2\r3\r", { file: "x.csv" }), dataError("x.csv", 3));
});

Deno.test("readCsvTable() errors name only the true line, not csv-parse's drifting count after CRLF in quotes", () => {
  const ragged = 'a,b\r\n1,"x\r\ny\r\nz"\r\n3\r\n';
  throws(() => readCsvTable(ragged, { file: "x.csv" }), (e) => {
    ok(dataError("x.csv", 5)(e));
    doesNotMatch((e as Error).message, /line (?!5\b)\d+/);
    return true;
  });
  const unclosed = 'a,b\r\n1,"x\r\ny\r\nz"\r\n3,"4\r\n5,6\r\n';
  throws(() => readCsvTable(unclosed, { file: "x.csv" }), (e) => {
    ok(dataError("x.csv", 5)(e));
    doesNotMatch((e as Error).message, /line (?!5\b)\d+/);
    return true;
  });
});
