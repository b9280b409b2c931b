/** A tiny protobuf wire reader for tests: decodes one message level into fields. */
export interface ProtoField {
  readonly field: number;
  readonly wire: number;
  readonly value: bigint | Uint8Array;
}

function varint(buf: Uint8Array, at: number): [bigint, number] {
  let v = 0n, shift = 0n;
  for (;;) {
    const b = buf[at++];
    v |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [v, at];
    shift += 7n;
  }
}

/** All fields of one message, in order. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let at = 0;
  while (at < buf.length) {
    const [tag, next] = varint(buf, at);
    at = next;
    const field = Number(tag >> 3n), wire = Number(tag & 7n);
    if (wire === 0) {
      const [v, n] = varint(buf, at);
      out.push({ field, wire, value: v });
      at = n;
    } else if (wire === 2) {
      const [len, n] = varint(buf, at);
      out.push({ field, wire, value: buf.subarray(n, n + Number(len)) });
      at = n + Number(len);
    } else if (wire === 5) {
      out.push({ field, wire, value: buf.subarray(at, at + 4) });
      at += 4;
    } else {
      throw new Error(`wire type ${wire}`);
    }
  }
  return out;
}

/** The sub-messages (or bytes) of one field number. */
export function sub(buf: Uint8Array, field: number): Uint8Array[] {
  return readFields(buf).filter((f) => f.field === field).map((f) => f.value as Uint8Array);
}

/** Decodes a UTF-8 bytes field. */
export function text(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}
