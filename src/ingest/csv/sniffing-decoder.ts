/**
 * Decodes a CSV file's bytes to text, working out the encoding as the bytes arrive.
 *
 * The heuristic, in order:
 * 1. A byte-order mark decides: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE (the mark is dropped).
 * 2. Otherwise nothing is decided while the bytes are ASCII, which both candidates read the same way.
 * 3. At the first byte of 0x80 or more, the bytes from there to the end of that chunk (up to 64 KiB)
 *    are checked: valid UTF-8 → UTF-8; anything else → Windows-1252, the superset of Latin-1 that
 *    Excel and older ACLED/GIS tools write. French text in Latin-1 is practically never valid UTF-8:
 *    an accented letter (0xE9 "é") would have to be followed by continuation bytes (0x80–0xBF).
 *
 * Deciding at the first non-ASCII byte rather than on a fixed sample means a Latin-1 file whose first
 * accent comes late is still read right. Once UTF-8 is chosen, a later invalid byte becomes U+FFFD.
 */
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';

export type SniffedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Enough bytes after the first non-ASCII byte to judge it (a UTF-8 sequence is at most 4 bytes). */
const MIN_JUDGED = 4;
const MAX_JUDGED = 65_536;

interface TextChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

export class SniffingDecoder {
  #encoding: SniffedEncoding | null = null;
  #decoder: TextChunkDecoder | null = null;
  /** Bytes held back until there are enough to decide. */
  #held: Buffer | null = null;
  #atStart = true;

  /** The encoding decided so far; null while the file has been pure ASCII. */
  get encoding(): SniffedEncoding | null {
    return this.#encoding;
  }

  write(chunk: Uint8Array): string {
    return this.#decode(chunk, false);
  }

  end(): string {
    return this.#decode(new Uint8Array(0), true);
  }

  #decode(chunk: Uint8Array, final: boolean): string {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#held !== null) {
      bytes = Buffer.concat([this.#held, bytes]);
      this.#held = null;
    }
    if (this.#decoder !== null)
      return final ? this.#decoder.write(bytes) + this.#decoder.end() : this.#decoder.write(bytes);
    if (this.#atStart) {
      if (bytes.length < 3 && !final) {
        this.#held = bytes;
        return '';
      }
      this.#atStart = false;
      const bom = byteOrderMark(bytes);
      if (bom !== null) {
        this.#choose(bom.encoding);
        return this.#decode(bytes.subarray(bom.length), final);
      }
    }
    if (isAscii(bytes)) return bytes.toString('latin1');
    let first = 0;
    while ((bytes[first] as number) < 0x80) first++;
    if (bytes.length - first < MIN_JUDGED && !final) {
      this.#held = bytes.subarray(first);
      return bytes.toString('latin1', 0, first);
    }
    const judged = bytes.subarray(first, Math.min(bytes.length, first + MAX_JUDGED));
    this.#choose(isUtf8(judged, !final || judged.length < bytes.length - first) ? 'utf-8' : 'windows-1252');
    return this.#decode(bytes, final);
  }

  #choose(encoding: SniffedEncoding): void {
    this.#encoding = encoding;
    this.#decoder = decoderFor(encoding);
  }
}

function byteOrderMark(bytes: Buffer): { encoding: SniffedEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Whether the bytes are valid UTF-8; `truncated` allows a sequence cut at the end. */
function isUtf8(bytes: Buffer, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

function decoderFor(encoding: SniffedEncoding): TextChunkDecoder {
  if (encoding === 'windows-1252') {
    const legacy = iconv.getDecoder('windows-1252');
    return { write: (bytes) => legacy.write(bytes), end: () => legacy.end() ?? '' };
  }
  // ignoreBOM: the mark has already been dropped; a second one is content.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return {
    write: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  };
}
