/**
 * Normalises a CSV column name so that "Event Date", " EVENT_DATE" and "event-date" all read as
 * `event_date`: trimmed, lower case, runs of spaces, hyphens and dots become one underscore.
 */
export function normaliseHeaderName(label: string): string {
  return label
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}
