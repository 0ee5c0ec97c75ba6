/**
 * Byte lines of a stream, in constant memory: a line longer than `maxBytes` is skipped to its end and
 * reported as too long instead of being held.
 */
export type ByteLine = { bytes: Uint8Array; tooLong: false } | { bytes: null; tooLong: true; length: number };

export async function* readByteLines(
  input: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<ByteLine> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  const flush = (): ByteLine => {
    const line: ByteLine = skipping
      ? { bytes: null, tooLong: true, length: size }
      : { bytes: stripCr(Buffer.concat(parts, size)), tooLong: false };
    parts = [];
    size = 0;
    skipping = false;
    return line;
  };
  for await (const chunk of input) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      const piece = chunk.subarray(from, nl < 0 ? chunk.length : nl);
      size += piece.length;
      if (!skipping) {
        if (size > maxBytes) {
          skipping = true;
          parts = [];
        } else parts.push(piece);
      }
      if (nl < 0) break;
      yield flush();
      from = nl + 1;
    }
  }
  if (size > 0 || skipping) yield flush();
}

function stripCr(b: Uint8Array): Uint8Array {
  return b.length > 0 && b[b.length - 1] === 13 ? b.subarray(0, b.length - 1) : b;
}
