/**
 * A minimal protobuf wire-format writer. Byte payloads are kept as a list of chunks, so large
 * `raw_data` buffers are never copied until {@link ProtoWriter.finish} concatenates once.
 *
 * @module
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LEN = 2;
const utf8 = new TextEncoder();

/** Writes protobuf fields into a chunk list. Private to `lib/onnx`. */
export class ProtoWriter {
  /** Finished chunks, in order. */
  readonly parts: Uint8Array[] = [];
  /** Total bytes in {@link parts} plus pending scratch bytes. */
  #len = 0;
  #scratch: number[] = [];

  /** Bytes written so far. */
  get length(): number {
    return this.#len + this.#scratch.length;
  }

  #varint(value: number): void {
    const s = this.#scratch;
    if (value >= 0 && value <= 0xffffffff && Number.isInteger(value)) {
      let v = value;
      while (v >= 0x80) {
        s.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
      }
      s.push(v);
      return;
    }
    // Negative or large: two's complement over 64 bits (negative int64 takes 10 bytes).
    let x = BigInt.asUintN(64, BigInt(Math.trunc(value)));
    while (x >= 0x80n) {
      s.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    s.push(Number(x));
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  #flush(): void {
    if (this.#scratch.length > 0) {
      const b = Uint8Array.from(this.#scratch);
      this.parts.push(b);
      this.#len += b.length;
      this.#scratch = [];
    }
  }

  /** A varint field (int32/int64/enum/bool). */
  int(field: number, value: number): this {
    this.#tag(field, WIRE_VARINT);
    this.#varint(value);
    return this;
  }

  /** A fixed32 float field. */
  float(field: number, value: number): this {
    this.#tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    for (const x of b) this.#scratch.push(x);
    return this;
  }

  /** A length-delimited bytes field; `bytes` is referenced, not copied. */
  bytes(field: number, bytes: Uint8Array): this {
    this.#tag(field, WIRE_LEN);
    this.#varint(bytes.length);
    this.#flush();
    if (bytes.length > 0) {
      this.parts.push(bytes);
      this.#len += bytes.length;
    }
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, text: string): this {
    return this.bytes(field, utf8.encode(text));
  }

  /** An embedded message field. */
  message(field: number, sub: ProtoWriter): this {
    sub.#flush();
    this.#tag(field, WIRE_LEN);
    this.#varint(sub.#len);
    this.#flush();
    for (const p of sub.parts) this.parts.push(p);
    this.#len += sub.#len;
    return this;
  }

  /** The encoded bytes: one concatenation of every chunk. */
  finish(): Uint8Array {
    this.#flush();
    const out = new Uint8Array(this.#len);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
