/**
 * Canonical JSON, so that one value has one text and one hash: object keys sorted by UTF-16 code
 * units, no white space, strings and numbers as JSON.stringify writes them. For the values the audit
 * log holds (no -0, finite numbers) this is the JSON Canonicalization Scheme of RFC 8785.
 */

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The canonical text of a value; throws on what JSON cannot hold (undefined, NaN, functions…). */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const keys = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      // An object that is not an array: its own enumerable string keys are its fields.
      const record = value as Record<string, unknown>;
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`a ${typeof value} has no JSON form`);
  }
}
