/**
 * CRC-32 as zlib computes it (IEEE 802.3 polynomial, reflected, initial and final XOR
 * 0xFFFFFFFF), for Hyperband's bracket assignment, which must agree with Optuna's
 * `binascii.crc32`.
 *
 * @module
 */

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const TABLE = makeTable();

/** The unsigned CRC-32 of `data` (a string is hashed as UTF-8). */
export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
