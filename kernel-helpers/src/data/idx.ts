/**
 * Reader and writer for the IDX format, the file format of MNIST and Fashion-MNIST
 * (http://yann.lecun.com/exdb/mnist/, "FILE FORMATS FOR THE MNIST DATABASE").
 *
 * Layout: a 4-byte magic number `0x00 0x00 <type code> <rank>`, then `rank` big-endian uint32
 * dimension sizes, then the elements in row-major (C) order, big-endian.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/** Element types of the IDX format, named after the JavaScript typed array that holds them. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array for each {@link IdxDtype}. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX array: `data` holds `dims.reduce((a, b) => a * b)` elements in row-major order. */
export interface IdxArray {
  /** Dimension sizes, outermost first, e.g. `[60000, 28, 28]` for Fashion-MNIST training images. */
  dims: number[];
  /** Element type, from the type code in the header. */
  dtype: IdxDtype;
  /** The elements in row-major order, converted to the platform's byte order. */
  data: IdxData;
}

interface DtypeInfo {
  dtype: IdxDtype;
  bytes: number;
}

/** Type codes from the format's definition. */
const TYPE_CODES: Record<number, DtypeInfo> = {
  0x08: { dtype: 'uint8', bytes: 1 },
  0x09: { dtype: 'int8', bytes: 1 },
  0x0b: { dtype: 'int16', bytes: 2 },
  0x0c: { dtype: 'int32', bytes: 4 },
  0x0d: { dtype: 'float32', bytes: 4 },
  0x0e: { dtype: 'float64', bytes: 8 },
};

const CODE_OF: Record<IdxDtype, number> = { uint8: 0x08, int8: 0x09, int16: 0x0b, int32: 0x0c, float32: 0x0d, float64: 0x0e };

/** True when `bytes` starts with the gzip magic number (RFC 1952: 0x1f 0x8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes uncompressed IDX bytes.
 *
 * For `uint8` data the result is a view into `bytes` (no copy); other types are copied and
 * converted from big-endian.
 *
 * @param bytes the whole file content, uncompressed.
 * @param name what to call the input in error messages (a file path, say).
 * @throws on a bad magic number, an unknown type code, or a size that does not match the header
 *   (a truncated or padded file), naming `name`.
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`parseIdx: bytes must be a Uint8Array (${name})`);
  if (bytes.length < 4) throw new Error(`${name}: not an IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hint = isGzip(bytes) ? ' (it is gzip-compressed: use readIdx or gunzip it first)' : '';
    throw new Error(`${name}: not an IDX file: magic number starts 0x${hex(bytes[0])}${hex(bytes[1])}, expected 0x0000${hint}`);
  }
  const info = TYPE_CODES[bytes[2]];
  if (!info) throw new Error(`${name}: unknown IDX type code 0x${hex(bytes[2])} (expected 08, 09, 0b, 0c, 0d or 0e)`);
  const rank = bytes[3];
  if (rank === 0) throw new Error(`${name}: IDX header declares 0 dimensions`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated IDX header: ${rank} dimensions need ${headerBytes} header bytes, file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * info.bytes;
  if (bytes.length < expected) {
    throw new Error(
      `${name}: truncated IDX file: header says [${dims.join(', ')}] ${info.dtype} = ${expected} bytes, file has ${bytes.length}`,
    );
  }
  if (bytes.length > expected) {
    throw new Error(
      `${name}: corrupted IDX file: header says [${dims.join(', ')}] ${info.dtype} = ${expected} bytes, file has ${bytes.length} (${bytes.length - expected} extra)`,
    );
  }
  return { dims, dtype: info.dtype, data: decodeElements(view, headerBytes, count, info.dtype) };
}

function decodeElements(view: DataView, offset: number, count: number, dtype: IdxDtype): IdxData {
  const base = view.byteOffset + offset;
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer, base, count);
    case 'int8':
      return new Int8Array(view.buffer, base, count);
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

/**
 * Reads a file's bytes, gunzipping it when it is gzip-compressed (detected from the content, not
 * the file name).
 *
 * @throws naming `path` when the file is missing, unreadable, or a damaged or truncated gzip stream.
 */
export function readMaybeGzip(path: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path}: file not found`);
    throw new Error(`${path}: cannot read file (${(error as Error).message})`);
  }
  if (!isGzip(bytes)) return bytes;
  try {
    return zlib.gunzipSync(bytes);
  } catch (error) {
    throw new Error(`${path}: corrupted or truncated gzip data (${(error as Error).message})`);
  }
}

/**
 * Reads an IDX file, gzipped (`.gz`, as distributed) or not.
 *
 * @param path the file to read.
 * @returns the decoded array; see {@link parseIdx}.
 * @throws naming `path` when the file is missing, the gzip stream is damaged, or the IDX content
 *   does not match its header.
 */
export function readIdx(path: string): IdxArray {
  return parseIdx(readMaybeGzip(path), path);
}

/**
 * Encodes an array as uncompressed IDX bytes (gzip them with `zlib.gzipSync` to get the
 * distributed form). The inverse of {@link parseIdx}.
 *
 * @throws when `dims` is empty, holds a non-integer or negative size, or does not match
 *   `data.length`, or when `data`'s type does not match `dtype`.
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const { dims, dtype, data } = array;
  if (!Array.isArray(dims) || dims.length === 0 || dims.length > 255) {
    throw new RangeError(`encodeIdx: dims must list 1 to 255 sizes, got ${JSON.stringify(dims)}`);
  }
  if (dims.some((d) => !Number.isInteger(d) || d < 0 || d >= 2 ** 32)) {
    throw new RangeError(`encodeIdx: dims must be integers in [0, 2^32), got [${dims.join(', ')}]`);
  }
  const code = CODE_OF[dtype];
  if (code === undefined) throw new TypeError(`encodeIdx: unknown dtype '${dtype}'`);
  const expectedType = { uint8: Uint8Array, int8: Int8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[dtype];
  if (!(data instanceof expectedType)) throw new TypeError(`encodeIdx: dtype '${dtype}' needs data of type ${expectedType.name}, got ${data?.constructor?.name}`);
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new RangeError(`encodeIdx: dims [${dims.join(', ')}] hold ${count} elements, data has ${data.length}`);
  }
  const bytesPer = TYPE_CODES[code].bytes;
  const headerBytes = 4 + 4 * dims.length;
  const out = new Uint8Array(headerBytes + count * bytesPer);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  if (bytesPer === 1) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, count), headerBytes);
  } else {
    for (let i = 0; i < count; i++) {
      const at = headerBytes + i * bytesPer;
      const v = data[i];
      if (dtype === 'int16') view.setInt16(at, v, false);
      else if (dtype === 'int32') view.setInt32(at, v, false);
      else if (dtype === 'float32') view.setFloat32(at, v, false);
      else view.setFloat64(at, v, false);
    }
  }
  return out;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
