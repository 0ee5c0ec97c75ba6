/** True when a required text (reason, outcome, statement) is missing or only white space. */
export function isBlank(text: string | null | undefined): boolean {
  return typeof text !== 'string' || text.trim() === '';
}
