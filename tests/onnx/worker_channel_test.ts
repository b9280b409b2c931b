import { equal, ok, rejects } from "node:assert/strict";
import { WorkerChannel } from "../../lib/onnx/mod.ts";

type Req = { readonly id: number; readonly op: "echo" | "crash"; readonly x: number };
type Rep = { readonly id: number; readonly x: number };

const SOURCE = `self.onmessage = (e) => {
  if (e.data.op === "crash") setTimeout(() => { throw new Error("boom " + e.data.x); }, 0);
  else setTimeout(() => self.postMessage({ id: e.data.id, x: e.data.x }), 5 * (3 - e.data.x));
};`;

function open(): { channel: WorkerChannel<Req, Rep>; url: string } {
  const url = URL.createObjectURL(new Blob([SOURCE], { type: "text/javascript" }));
  const channel = new WorkerChannel<Req, Rep>(new Worker(url, { type: "module" }), {
    onFailure: (message) => new Error(`failed: ${message}`),
    onClosed: () => new Error("closed"),
  });
  return { channel, url };
}

Deno.test("WorkerChannel pairs replies with requests by id, whatever order they arrive in", async () => {
  const { channel, url } = open();
  try {
    const replies = await Promise.all(
      [0, 1, 2].map((x) => channel.request((id) => ({ id, op: "echo", x }))),
    );
    equal(replies.map((r) => r.x).join(","), "0,1,2");
  } finally {
    channel.close();
    URL.revokeObjectURL(url);
  }
});

Deno.test("WorkerChannel rejects pending requests when the worker fails, and later ones as closed", async () => {
  const { channel, url } = open();
  try {
    const pending = channel.request((id) => ({ id, op: "echo", x: 0 }));
    await rejects(channel.request((id) => ({ id, op: "crash", x: 7 })), /failed: .*boom 7/);
    await rejects(pending, /failed: .*boom 7/);
    ok(!channel.open);
    await rejects(channel.request((id) => ({ id, op: "echo", x: 1 })), /closed/);
  } finally {
    channel.close();
    URL.revokeObjectURL(url);
  }
});
