/**
 * CAP 1.2 alerts as XML (urn:oasis:names:tc:emergency:cap:1.2), in the element order of the CAP 1.2
 * schema, and the Atom feed (RFC 4287) that carries them, one alert per entry as its content (media type
 * application/cap+xml, as the OASIS CAP feeds note describes). Pure.
 */
import type { CapAlert, CapInfo, CapValue } from '../../domain/cap-alert.ts';
import { element, xmlText } from './xml-text.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

function values(name: string, list: readonly CapValue[], indent: string): string {
  return list
    .map(
      (v) =>
        `${indent}<${name}>\n${element('valueName', v.valueName, `${indent}  `)}${element('value', v.value, `${indent}  `)}${indent}</${name}>\n`,
    )
    .join('');
}

function infoXml(info: CapInfo, indent: string): string {
  const i2 = `${indent}  `;
  const i3 = `${i2}  `;
  return (
    `${indent}<info>\n` +
    element('language', info.language, i2) +
    element('category', info.category, i2) +
    element('event', info.event, i2) +
    element('urgency', info.urgency, i2) +
    element('severity', info.severity, i2) +
    element('certainty', info.certainty, i2) +
    element('onset', info.onset, i2) +
    element('senderName', info.senderName, i2) +
    element('headline', info.headline, i2) +
    element('description', info.description, i2) +
    element('web', info.web, i2) +
    values('parameter', info.parameters, i2) +
    `${i2}<area>\n` +
    element('areaDesc', info.area.areaDesc === '' ? '-' : info.area.areaDesc, i3) +
    element('circle', info.area.circle, i3) +
    values('geocode', info.area.geocodes, i3) +
    `${i2}</area>\n` +
    `${indent}</info>\n`
  );
}

/** The `<alert>` element, without an XML declaration (to embed in a feed). */
export function capAlertElement(alert: CapAlert, indent = ''): string {
  const i2 = `${indent}  `;
  return (
    `${indent}<alert xmlns="${CAP_NAMESPACE}">\n` +
    element('identifier', alert.identifier, i2) +
    element('sender', alert.sender, i2) +
    element('sent', alert.sent, i2) +
    element('status', alert.status, i2) +
    element('msgType', alert.msgType, i2) +
    element('scope', alert.scope, i2) +
    element('restriction', alert.restriction, i2) +
    element('note', alert.note, i2) +
    element('references', alert.references, i2) +
    alert.infos.map((info) => infoXml(info, i2)).join('') +
    `${indent}</alert>\n`
  );
}

/** One alert as a document. */
export function capAlertDocument(alert: CapAlert): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${capAlertElement(alert)}`;
}

export interface AtomPage {
  /** The feed's absolute id (an IRI). */
  readonly id: string;
  readonly title: string;
  /** This page's path, and the next page's when there is one. */
  readonly self: string;
  readonly next: string | null;
  /** ISO timestamp: the newest entry's, or now for an empty page. */
  readonly updated: string;
}

/** An Atom feed whose entries each carry one CAP alert. */
export function capAtomFeed(page: AtomPage, alerts: readonly CapAlert[]): string {
  const entries = alerts.map((a) => {
    const headline = a.infos[0]?.headline ?? a.identifier;
    const url = `/api/feeds/cap/${encodeURIComponent(a.identifier)}`;
    return (
      '  <entry>\n' +
      element('id', `urn:liptako:cap:${a.identifier}`, '    ') +
      element('title', `${a.msgType}: ${headline}`, '    ') +
      element('updated', a.sent, '    ') +
      `    <link rel="alternate" type="${CAP_MEDIA_TYPE}" href="${xmlText(url)}"/>\n` +
      `    <category term="${xmlText(a.scope)}" label="scope"/>\n` +
      element('summary', a.infos[0]?.description ?? '', '    ') +
      `    <content type="${CAP_MEDIA_TYPE}">\n${capAlertElement(a, '      ')}    </content>\n` +
      '  </entry>\n'
    );
  });
  return atomDocument(page, entries);
}

/** The feed document around its entries (RFC 4287 §4.1.1). */
export function atomDocument(page: AtomPage, entries: readonly string[], namespaces = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom"${namespaces}>\n` +
    element('id', page.id, '  ') +
    element('title', page.title, '  ') +
    element('updated', page.updated, '  ') +
    '  <author><name>Liptako</name></author>\n' +
    `  <link rel="self" href="${xmlText(page.self)}"/>\n` +
    (page.next === null ? '' : `  <link rel="next" href="${xmlText(page.next)}"/>\n`) +
    entries.join('') +
    '</feed>\n'
  );
}
