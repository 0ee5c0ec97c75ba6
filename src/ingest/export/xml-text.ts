/**
 * Text made safe for XML 1.0 content and attribute values: the five special characters escaped, and
 * characters XML 1.0 forbids (control characters other than tab and line breaks, lone surrogates,
 * U+FFFE, U+FFFF) dropped, so that any stored text gives a well-formed document. Pure.
 */

/** The characters XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- matching these characters is the point
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** `<name>text</name>`, or nothing when the text is null. */
export function element(name: string, text: string | null, indent = ''): string {
  return text === null ? '' : `${indent}<${name}>${xmlText(text)}</${name}>\n`;
}
