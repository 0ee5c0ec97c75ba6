/** A LIKE pattern that finds `text` anywhere, its own `%`, `_` and `\` escaped (use with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
