/**
 * Request/reply over a Deno `Worker`: each request gets an id, each reply settles the request
 * with that id, and a worker failure rejects every pending request and stops the worker. The
 * session and training workers share it.
 *
 * @module
 */

type Pending<Reply> = {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: unknown) => void;
};

/** Options of {@link WorkerChannel}. */
export interface WorkerChannelOptions {
  /** The error for pending requests when the worker fails (uncaught error in the worker). */
  readonly onFailure: (message: string) => Error;
  /** The error for a request made after {@link WorkerChannel.close}. */
  readonly onClosed: () => Error;
}

/**
 * A typed channel to one worker. Messages in both directions carry an `id`; replies are
 * returned as they come — turning an error reply into a thrown error is the caller's job.
 *
 * @example
 * ```ts
 * import { WorkerChannel } from "./worker_channel.ts";
 * import { equal } from "node:assert/strict";
 * const src = "self.onmessage = (e) => self.postMessage({ id: e.data.id, echo: e.data.x * 2 });";
 * const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
 * const channel = new WorkerChannel<{ id: number; x: number }, { id: number; echo: number }>(
 *   new Worker(url, { type: "module" }),
 *   { onFailure: (m) => new Error(m), onClosed: () => new Error("closed") },
 * );
 * equal((await channel.request((id) => ({ id, x: 21 }))).echo, 42);
 * channel.close();
 * URL.revokeObjectURL(url);
 * ```
 */
export class WorkerChannel<
  Request extends { readonly id: number },
  Reply extends { readonly id: number },
> {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending<Reply>>();
  readonly #options: WorkerChannelOptions;

  /** Takes over `worker`'s message and error handlers. */
  constructor(worker: Worker, options: WorkerChannelOptions) {
    this.#worker = worker;
    this.#options = options;
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const pending = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      pending?.resolve(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const error = options.onFailure(event.message);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      this.close();
    };
  }

  /** Whether the worker is still running. */
  get open(): boolean {
    return this.#worker !== undefined;
  }

  /** Sends `make(id)` (transferring `transfer`) and resolves with the reply of that id. */
  request(make: (id: number) => Request, transfer: Transferable[] = []): Promise<Reply> {
    const worker = this.#worker;
    if (worker === undefined) return Promise.reject(this.#options.onClosed());
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage(make(id), transfer);
    });
  }

  /** Stops the worker. Closing twice is a no-op. */
  close(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
