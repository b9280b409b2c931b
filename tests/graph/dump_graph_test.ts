import { strictEqual } from "node:assert/strict";
import { dumpGraph, GraphBuilder, ops } from "../../lib/graph/mod.ts";
import { gradients } from "../../lib/autodiff/mod.ts";

Deno.test("dumpGraph() of a linear classifier with its backward matches the snapshot", () => {
  const g = new GraphBuilder("classifier");
  const x = g.input("x", "float32", [2, 4]);
  const labels = g.input("labels", "int64", [2]);
  const w = g.param("head.weight", [3, 4]);
  const b = g.param("head.bias", [3]);
  const logits = g.scope("head", () => ops.linear(x, w, { bias: b, name: "logits" }));
  const loss = ops.softmaxCrossEntropy(logits, labels);
  gradients(loss, [w, b]);
  strictEqual(
    dumpGraph(g),
    [
      "graph classifier",
      "  input x: float32[2,4]",
      "  input labels: int64[2]",
      "  param head.weight: float32[3,4]",
      "  param head.bias: float32[3]",
      "  constant cross_entropy.classes: int64[3] = [0, 1, 2]",
      "  constant scalar.float32.1: float32[] = [1]",
      "  head.logits: float32[2,3] = Gemm(x, head.weight, head.bias) {transA=false transB=true alpha=1 beta=1}",
      "  cross_entropy.unsqueeze: int64[2,1] = Unsqueeze(labels) {axes=[1]}",
      "  cross_entropy.equal: bool[2,3] = Equal(cross_entropy.unsqueeze, cross_entropy.classes)",
      "  cross_entropy.cast: float32[2,3] = Cast(cross_entropy.equal) {to=float32}",
      "  cross_entropy.logsoftmax: float32[2,3] = LogSoftmax(head.logits) {axis=-1}",
      "  cross_entropy.mul: float32[2,3] = Mul(cross_entropy.logsoftmax, cross_entropy.cast)",
      "  cross_entropy.reducesum: float32[] = ReduceSum(cross_entropy.mul) {axes=[0,1] keepdims=false}",
      "  cross_entropy.neg: float32[] = Neg(cross_entropy.reducesum)",
      "  cross_entropy.reducesum_1: float32[] = ReduceSum(cross_entropy.cast) {axes=[0,1] keepdims=false}",
      "  cross_entropy.loss: float32[] = Div(cross_entropy.neg, cross_entropy.reducesum_1)",
      "  bwd.cross_entropy.loss.div: float32[] = Div(scalar.float32.1, cross_entropy.reducesum_1)",
      "  bwd.cross_entropy.neg.neg: float32[] = Neg(bwd.cross_entropy.loss.div)",
      "  bwd.cross_entropy.reducesum.expand: float32[2,3] = Expand(bwd.cross_entropy.neg.neg) {shape=[2,3]}",
      "  bwd.cross_entropy.mul.mul: float32[2,3] = Mul(bwd.cross_entropy.reducesum.expand, cross_entropy.cast)",
      "  bwd.cross_entropy.logsoftmax.exp: float32[2,3] = Exp(cross_entropy.logsoftmax)",
      "  bwd.cross_entropy.logsoftmax.reducesum: float32[2,1] = ReduceSum(bwd.cross_entropy.mul.mul) {axes=[-1] keepdims=true}",
      "  bwd.cross_entropy.logsoftmax.mul: float32[2,3] = Mul(bwd.cross_entropy.logsoftmax.exp, bwd.cross_entropy.logsoftmax.reducesum)",
      "  bwd.cross_entropy.logsoftmax.sub: float32[2,3] = Sub(bwd.cross_entropy.mul.mul, bwd.cross_entropy.logsoftmax.mul)",
      "  bwd.head.logits.gemm: float32[3,4] = Gemm(bwd.cross_entropy.logsoftmax.sub, x) {transA=true transB=false alpha=1 beta=1}",
      "  bwd.head.logits.constantofshape: float32[1,2] = ConstantOfShape() {shape=[1,2] dtype=float32 value=1}",
      "  bwd.head.logits.gemm_1: float32[1,3] = Gemm(bwd.head.logits.constantofshape, bwd.cross_entropy.logsoftmax.sub) {transA=false transB=false alpha=1 beta=1}",
      "  bwd.head.logits.reshape: float32[3] = Reshape(bwd.head.logits.gemm_1) {shape=[3]}",
    ].join("\n"),
  );
});
