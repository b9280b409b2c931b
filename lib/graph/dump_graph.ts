/**
 * `dumpGraph`: a stable, readable text form of a graph for snapshot tests and debugging.
 *
 * @module
 */
import type { GraphBuilder } from "./graph_builder.ts";
import type { ConstantData, OpSpec, SymTensor } from "./types.ts";

function typeText(t: SymTensor): string {
  return `${t.dtype}[${t.shape.join(",")}]`;
}

function dataText(data: ConstantData): string {
  if (data.length > 8) return `<${data.length} values>`;
  return `[${Array.from(data as ArrayLike<number | bigint>, (v) => String(v)).join(", ")}]`;
}

function attrText(spec: OpSpec): string {
  const parts = Object.entries(spec)
    .filter(([k]) => k !== "op")
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`);
  return parts.length === 0 ? "" : ` {${parts.join(" ")}}`;
}

/**
 * The graph as text: one line per input, param and constant, then one per node in order.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "./graph_builder.ts";
 * import { dumpGraph } from "./dump_graph.ts";
 * import { strictEqual } from "node:assert/strict";
 * const g = new GraphBuilder("demo");
 * const x = g.input("x", "float32", [2]);
 * g.emit({ op: "Softmax", axis: -1 }, [x], { name: "y" });
 * strictEqual(dumpGraph(g), [
 *   "graph demo",
 *   "  input x: float32[2]",
 *   "  y: float32[2] = Softmax(x) {axis=-1}",
 * ].join("\n"));
 * ```
 */
export function dumpGraph(g: GraphBuilder): string {
  const lines = [`graph ${g.name}`];
  for (const t of g.values) {
    const src = g.source(t);
    if (src.kind === "node") continue;
    const tail = src.kind === "constant" ? ` = ${dataText(src.data)}` : "";
    lines.push(`  ${src.kind} ${t.name}: ${typeText(t)}${tail}`);
  }
  for (const n of g.nodes) {
    const outs = n.outputs.map((o) => `${o.name}: ${typeText(o)}`).join(", ");
    const ins = n.inputs.map((i) => i.name).join(", ");
    lines.push(`  ${outs} = ${n.spec.op}(${ins})${attrText(n.spec)}`);
  }
  return lines.join("\n");
}
