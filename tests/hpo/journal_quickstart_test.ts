import { deepEqual, equal } from "node:assert/strict";
import { JournalFileStorage } from "../../lib/hpo/mod.ts";
import { main } from "../../examples/tpe_quickstart.ts";

Deno.test("examples/tpe_quickstart.ts resumes its journal: the second run continues numbering", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hpo_quickstart_" });
  try {
    const path = `${dir}/nested/quickstart.log`;
    await main([path]);
    const first = new JournalFileStorage(path).getAllTrials(0);
    equal(first.length, 30);
    await main([path]);
    const both = new JournalFileStorage(path).getAllTrials(0);
    deepEqual(both.map((t) => t.number), Array.from({ length: 60 }, (_, i) => i));
    deepEqual(both.slice(0, 30).map((t) => t.params), first.map((t) => t.params));
    equal(both.filter((t) => t.state === "COMPLETE" || t.state === "PRUNED").length, 60);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
