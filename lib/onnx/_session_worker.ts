/**
 * The worker that hosts one {@link OrtSession} for `WorkerSession`, so `run` blocks this
 * thread instead of the caller's. Requests are handled one at a time, in order.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { OnnxError } from "./onnx_error.ts";
import { OrtSession } from "./ort_session.ts";
import { buffersOf, type WorkerReply, type WorkerRequest } from "./_worker_protocol.ts";

const held: { session?: OrtSession; queue: Promise<void> } = { queue: Promise.resolve() };

function live(): OrtSession {
  if (held.session === undefined) {
    throw new OnnxError("worker", "Cannot run in the worker: no session was created");
  }
  return held.session;
}

async function handle(req: WorkerRequest): Promise<void> {
  try {
    switch (req.kind) {
      case "create": {
        const s = await OrtSession.create(req.model, req.options);
        held.session = s;
        reply({
          kind: "created",
          id: req.id,
          inputNames: s.inputNames,
          outputNames: s.outputNames,
        });
        return;
      }
      case "run": {
        const outputs = await live().run(req.feeds, req.fetches);
        self.postMessage(
          { kind: "outputs", id: req.id, outputs } satisfies WorkerReply,
          buffersOf(Object.values(outputs)),
        );
        return;
      }
      case "release":
        await held.session?.release();
        held.session = undefined;
        reply({ kind: "released", id: req.id });
        return;
    }
  } catch (e) {
    reply({
      kind: "error",
      id: req.id,
      errorKind: e instanceof OnnxError ? e.kind : "worker",
      message: e instanceof Error ? e.message : String(e),
      ...(e instanceof Error && e.cause !== undefined && { cause: String(e.cause) }),
    });
  }
}

function reply(message: WorkerReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  held.queue = held.queue.then(() => handle(req));
};
