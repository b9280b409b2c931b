/**
 * The worker behind {@link TrainWorker}: owns the parameters, the optimizer and both ORT
 * sessions, so a whole training step runs off the caller's thread. Requests run in order.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { createOptimizer } from "./optimizer_config.ts";
import { TrainError } from "./train_error.ts";
import { TrainStepSession } from "./train_step_session.ts";
import type { TrainReply, TrainReplyValue, TrainRequest } from "./_train_worker_protocol.ts";

const held: { session?: TrainStepSession; queue: Promise<void> } = { queue: Promise.resolve() };

function live(): TrainStepSession {
  if (held.session === undefined) {
    throw new TrainError("Cannot train in the worker: no step session was created");
  }
  return held.session;
}

async function answer(req: TrainRequest): Promise<TrainReplyValue> {
  switch (req.kind) {
    case "create": {
      const optimizer = createOptimizer(req.params, req.optimizer);
      held.session = await TrainStepSession.create(
        req.compiled,
        req.params,
        optimizer,
        req.options,
      );
      return { kind: "none" };
    }
    case "step":
      return { kind: "step", result: await live().step(req.batches, req.options) };
    case "grads":
      return { kind: "grads", result: await live().computeGrads(req.batch, { step: req.step }) };
    case "evaluate":
      return { kind: "evaluate", result: await live().evaluate(req.batch) };
    case "export": {
      const s = live();
      const params: Record<string, Float32Array> = {};
      for (const [name, p] of Object.entries(s.params)) params[name] = p.slice();
      return { kind: "state", state: { params, optimizer: s.optimizer.exportState() } };
    }
    case "import": {
      const s = live();
      for (const [name, p] of Object.entries(s.params)) {
        const saved = req.state.params[name];
        if (saved === undefined || saved.length !== p.length) {
          throw new TrainError(`Cannot import state: parameter "${name}" is missing or mis-sized`);
        }
        p.set(saved);
      }
      s.optimizer.importState(req.state.optimizer);
      return { kind: "none" };
    }
    case "release":
      await held.session?.release();
      held.session = undefined;
      return { kind: "none" };
  }
}

function transferables(value: TrainReplyValue): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [];
  if (value.kind === "grads") {
    arrays.push(value.result.logits, ...Object.values(value.result.grads));
  }
  if (value.kind === "evaluate") arrays.push(value.result.logits);
  if (value.kind === "state") {
    arrays.push(
      ...Object.values(value.state.params),
      ...Object.values(value.state.optimizer.buffers),
    );
  }
  const set = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) set.add(a.buffer);
  return [...set];
}

async function handle(req: TrainRequest): Promise<void> {
  try {
    const value = await answer(req);
    self.postMessage({ kind: "ok", id: req.id, value } satisfies TrainReply, transferables(value));
  } catch (e) {
    const reply: TrainReply = {
      kind: "error",
      id: req.id,
      name: e instanceof Error ? e.name : "Error",
      message: e instanceof Error ? e.message : String(e),
    };
    self.postMessage(reply);
  }
}

self.onmessage = (event: MessageEvent<TrainRequest>) => {
  const req = event.data;
  held.queue = held.queue.then(() => handle(req));
};
