/**
 * RSS 2.0 (and RSS 1.0) and Atom feeds → news items for `liptako ingest`: each item's title and
 * description or content as text (markup removed), its date (pubDate, dc:date, published, else updated)
 * as published, its guid, id or link as its id.
 *
 * The XML is read by a small parser of its own that is safe by construction: it never fetches or
 * expands anything. A DOCTYPE (and its internal subset, where entities would be declared) is skipped;
 * only the five predefined entities and numeric character references are decoded; any other entity
 * reference is left as written. No external entity can be resolved, no entity can expand into another.
 * Pure: a string in, items or an error out.
 */

export interface FeedItem {
  /** The guid, id or link; else a digest of the item's title and date. */
  readonly id: string;
  readonly title: string | null;
  /** Title and description or content, markup removed. */
  readonly text: string;
  /** YYYY-MM-DD as the item's date says (the date as written, not shifted to UTC). */
  readonly published: string | null;
  readonly url: string | null;
  readonly lang: 'fr' | 'en' | null;
}

export type ParsedFeed =
  | { readonly ok: true; readonly format: 'rss' | 'atom'; readonly items: readonly FeedItem[] }
  | { readonly ok: false; readonly error: string };

interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XmlNode[];
}
type XmlNode = XmlElement | string;

/** Feeds deeper than this are refused (a pathological nesting). */
const MAX_DEPTH = 200;

class XmlError extends Error {}

/** Whether a text looks like XML (its first character past a BOM and blanks is "<"). */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</u.test(text);
}

export function parseFeed(xml: string): ParsedFeed {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return {
      ok: false,
      error: `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const name = localName(root.name);
  if (name === 'rss' || name === 'RDF') {
    const channel = child(root, 'channel');
    const lang = langOf(textOf(channel === null ? null : child(channel, 'language')));
    // RSS 2.0 puts its items in the channel, RSS 1.0 next to it.
    const items = [...(channel === null ? [] : children(channel, 'item')), ...children(root, 'item')];
    return { ok: true, format: 'rss', items: items.map((item, n) => rssItem(item, lang, n)) };
  }
  if (name === 'feed') {
    const lang = langOf(root.attrs.get('xml:lang') ?? null);
    return { ok: true, format: 'atom', items: children(root, 'entry').map((e, n) => atomEntry(e, lang, n)) };
  }
  return { ok: false, error: `not an RSS or Atom feed (root element <${root.name}>)` };
}

function rssItem(item: XmlElement, feedLang: 'fr' | 'en' | null, n: number): FeedItem {
  const title = cleanText(textOf(child(item, 'title')));
  const body = cleanText(textOf(child(item, 'encoded')) ?? textOf(child(item, 'description')));
  // The item's own <link>, not an atom:link beside it.
  const link =
    children(item, 'link')
      .map((l) => textOf(l)?.trim() ?? '')
      .find((l) => l !== '') ?? null;
  const published = dayOf(textOf(child(item, 'pubDate')) ?? textOf(child(item, 'date')));
  const guid = textOf(child(item, 'guid'))?.trim() || (item.attrs.get('rdf:about') ?? null);
  return {
    id: guid || link || fallbackId(title, published, n),
    title,
    text: joinText(title, body),
    published,
    url: httpUrl(link),
    lang: langOf(textOf(child(item, 'language'))) ?? feedLang,
  };
}

function atomEntry(entry: XmlElement, feedLang: 'fr' | 'en' | null, n: number): FeedItem {
  const title = cleanText(textOf(child(entry, 'title')));
  const body = cleanText(textOf(child(entry, 'content')) ?? textOf(child(entry, 'summary')));
  const links = children(entry, 'link');
  const alternate = links.find((l) => (l.attrs.get('rel') ?? 'alternate') === 'alternate') ?? links[0];
  const link = alternate?.attrs.get('href') ?? null;
  const published = dayOf(textOf(child(entry, 'published')) ?? textOf(child(entry, 'updated')));
  return {
    id: textOf(child(entry, 'id'))?.trim() || link || fallbackId(title, published, n),
    title,
    text: joinText(title, body),
    published,
    url: httpUrl(link),
    lang: langOf(entry.attrs.get('xml:lang') ?? null) ?? feedLang,
  };
}

function joinText(title: string | null, body: string | null): string {
  if (title !== null && body !== null && body.startsWith(title)) return body;
  return [title, body].filter((t): t is string => t !== null && t !== '').join('\n');
}

function fallbackId(title: string | null, published: string | null, n: number): string {
  // A stable id for an item without guid, id or link: the same item keeps it on a re-run.
  let h = 2166136261;
  for (const c of `${title ?? ''}|${published ?? ''}|${title === null ? n : ''}`) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return `item-${h.toString(16)}`;
}

function httpUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? url : null;
}

function langOf(value: string | null): 'fr' | 'en' | null {
  const lang = value?.trim().slice(0, 2).toLowerCase();
  return lang === 'fr' || lang === 'en' ? lang : null;
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** The day of an RFC 822 date ("Wed, 17 Sep 2025 09:46:00 +0000") or an ISO 8601 one, as written. */
export function dayOf(value: string | null): string | null {
  if (value === null) return null;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})/.exec(value);
  const month = rfc === null ? undefined : MONTHS[(rfc[2] ?? '').toLowerCase()];
  if (rfc === null || month === undefined) return null;
  const year = (rfc[3] ?? '').length === 2 ? `20${rfc[3]}` : rfc[3];
  return `${year}-${month}-${(rfc[1] ?? '').padStart(2, '0')}`;
}

// ---- markup in text ----

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  icirc: 'î',
  iuml: 'ï',
  ocirc: 'ô',
  ugrave: 'ù',
  ucirc: 'û',
  uuml: 'ü',
  Eacute: 'É',
  Egrave: 'È',
  Agrave: 'À',
  Ccedil: 'Ç',
  oelig: 'œ',
  deg: '°',
};

/** HTML of a description as text: tags removed, block ends as line breaks, entities decoded. */
function cleanText(value: string | null): string | null {
  if (value === null) return null;
  const text = decodeEntities(
    value
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<br\s*\/?>|<\/(?:p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
    HTML_ENTITIES,
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text;
}

function decodeEntities(text: string, named: Readonly<Record<string, string>>): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[ref] ?? whole;
  });
}

// ---- a small, safe XML parser ----

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The document element of an XML text. Throws XmlError on what is not well formed. */
function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = (s: string): void => {
    const top = stack.at(-1);
    if (top !== undefined) top.children.push(s);
    else if (s.trim() !== '') throw new XmlError('text outside the document element');
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(decodeEntities(xml.slice(i), XML_ENTITIES));
      break;
    }
    if (lt > i) text(decodeEntities(xml.slice(i, lt), XML_ENTITIES));
    if (xml.startsWith('<!--', lt)) {
      i = endOf(xml, '-->', lt + 4, 'comment');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unclosed CDATA section');
      text(xml.slice(lt + 9, end));
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      i = endOf(xml, '?>', lt + 2, 'processing instruction');
    } else if (xml.startsWith('<!DOCTYPE', lt) || xml.startsWith('<!doctype', lt)) {
      // Skipped whole, internal subset included: nothing declared there is ever used.
      i = skipDoctype(xml, lt + 9);
    } else if (xml.startsWith('</', lt)) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new XmlError('unclosed end tag');
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name)
        throw new XmlError(`</${name}> does not close <${open?.name ?? ''}>`);
      if (stack.length === 0) root = open;
      i = gt + 1;
    } else {
      const { element, selfClosing, next } = startTag(xml, lt);
      if (stack.length === 0 && root !== null) throw new XmlError('a second document element');
      const parent = stack.at(-1);
      if (parent !== undefined) parent.children.push(element);
      if (selfClosing) {
        if (parent === undefined) root = element;
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlError('nested too deeply');
        stack.push(element);
      }
      i = next;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack.at(-1)?.name ?? ''}> is not closed`);
  if (root === null) throw new XmlError('no document element');
  return root;
}

function endOf(xml: string, close: string, from: number, what: string): number {
  const end = xml.indexOf(close, from);
  if (end < 0) throw new XmlError(`unclosed ${what}`);
  return end + close.length;
}

function skipDoctype(xml: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let k = from; k < xml.length; k++) {
    const c = xml[k];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return k + 1;
  }
  throw new XmlError('unclosed DOCTYPE');
}

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

function startTag(xml: string, lt: number): { element: XmlElement; selfClosing: boolean; next: number } {
  NAME.lastIndex = lt + 1;
  const name = NAME.exec(xml)?.[0];
  if (name === undefined) throw new XmlError(`a "<" that opens no tag at offset ${lt}`);
  const attrs = new Map<string, string>();
  let k = lt + 1 + name.length;
  for (;;) {
    ATTRIBUTE.lastIndex = k;
    const a = ATTRIBUTE.exec(xml);
    if (a === null) break;
    attrs.set(a[1] ?? '', decodeEntities(a[2] ?? a[3] ?? '', XML_ENTITIES));
    k = ATTRIBUTE.lastIndex;
  }
  const rest = /^\s*(\/?)>/.exec(xml.slice(k, k + 64));
  if (rest === null) throw new XmlError(`malformed tag <${name}>`);
  return { element: { name, attrs, children: [] }, selfClosing: rest[1] === '/', next: k + rest[0].length };
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** The reader for other XML inputs (parse-cap.ts): the document element, or why it is not well formed. */
export function readXml(xml: string): { ok: true; root: XmlElement } | { ok: false; error: string } {
  try {
    return { ok: true, root: parseXml(xml) };
  } catch (error) {
    return {
      ok: false,
      error: `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
export type { XmlElement };
export { child as xmlChild, children as xmlChildren, localName as xmlLocalName, textOf as xmlTextOf };

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

function child(element: XmlElement, name: string): XmlElement | null {
  return children(element, name)[0] ?? null;
}

/** An element's text: its own text and that of its children (XHTML content of an Atom entry). */
function textOf(element: XmlElement | null): string | null {
  if (element === null) return null;
  const parts: string[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') parts.push(c);
      else {
        parts.push(' ');
        walk(c);
        parts.push(' ');
      }
    }
  };
  walk(element);
  const text = parts.join('');
  return text.trim() === '' ? null : text;
}
