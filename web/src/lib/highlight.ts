/** Split a text into plain and highlighted pieces from evidence spans (overlaps merged, bounds clamped). */
export interface Piece {
  readonly text: string;
  readonly marked: boolean;
}

export function highlight(text: string, spans: readonly { start: number; end: number }[]): Piece[] {
  const clean = spans
    .map((s) => ({
      start: Math.max(0, Math.min(text.length, s.start)),
      end: Math.max(0, Math.min(text.length, s.end)),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of clean) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) pieces.push({ text: text.slice(at, s.start), marked: false });
    pieces.push({ text: text.slice(s.start, s.end), marked: true });
    at = s.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
