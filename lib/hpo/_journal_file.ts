/**
 * The journal file itself: read the complete lines appended since the last read, append lines
 * durably. A trailing line without `\n` is a write in progress (or the remains of a crash): it
 * is never read, and the next append, made under the lock, cuts it off first.
 *
 * @module
 */
import { StudyStorageError } from "./errors.ts";

const NEWLINE = 0x0a;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Reads and appends one journal file, remembering how far it has read. */
export class JournalFile {
  readonly path: string;
  #offset = 0;
  #lines = 0;

  constructor(path: string) {
    this.path = path;
    try {
      Deno.openSync(path, { create: true, append: true }).close();
    } catch (error) {
      throw new StudyStorageError(`Cannot open journal "${path}": ${String(error)}`, {
        cause: error,
      });
    }
  }

  /** How many complete lines have been read or appended so far (the next line's index). */
  get linesRead(): number {
    return this.#lines;
  }

  /**
   * The complete lines appended since the last call. With `truncateTail`, a partial last line
   * is cut off (only safe under the lock).
   */
  readNewLines(truncateTail = false): string[] {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(this.path, { read: true, write: truncateTail });
    } catch (error) {
      throw new StudyStorageError(`Cannot read journal "${this.path}": ${String(error)}`, {
        cause: error,
      });
    }
    try {
      const size = file.statSync().size;
      if (size <= this.#offset) return [];
      const bytes = new Uint8Array(size - this.#offset);
      file.seekSync(this.#offset, Deno.SeekMode.Start);
      let filled = 0;
      while (filled < bytes.length) {
        const n = file.readSync(bytes.subarray(filled));
        if (n === null || n === 0) break;
        filled += n;
      }
      const end = bytes.subarray(0, filled).lastIndexOf(NEWLINE) + 1;
      if (truncateTail && this.#offset + end < size) file.truncateSync(this.#offset + end);
      if (end === 0) return [];
      this.#offset += end;
      const lines = decoder.decode(bytes.subarray(0, end - 1)).split("\n");
      this.#lines += lines.length;
      return lines;
    } finally {
      file.close();
    }
  }

  /** Appends `line` + `\n` and syncs it to disk (call under the lock, after `readNewLines`). */
  append(line: string): void {
    const bytes = encoder.encode(`${line}\n`);
    try {
      const file = Deno.openSync(this.path, { append: true });
      try {
        let written = 0;
        while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
        file.syncSync();
      } finally {
        file.close();
      }
    } catch (error) {
      throw new StudyStorageError(`Cannot append to journal "${this.path}": ${String(error)}`, {
        cause: error,
      });
    }
    this.#offset += bytes.length;
    this.#lines++;
  }
}
