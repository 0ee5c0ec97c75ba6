/**
 * Incidents as Atom entries (RFC 4287) with a GeoRSS-Simple point, for the public feed. Pure.
 */
import { EVENT_TYPE_LABELS_FR, SUB_EVENT_TYPE_LABELS_FR } from '../../domain/acled-taxonomy.ts';
import type { Incident } from '../../domain/incident.ts';
import { atomDocument, type AtomPage } from './cap-xml.ts';
import { element, xmlText } from './xml-text.ts';

export const GEORSS_NAMESPACE = 'http://www.georss.org/georss';

export function incidentEntry(i: Incident): string {
  const where = [i.location, i.admin1, i.country].filter((p) => p !== null && p !== '').join(', ');
  const title = `${SUB_EVENT_TYPE_LABELS_FR[i.subEventType]} — ${where} (${i.eventDate})`;
  const summary = [
    `${EVENT_TYPE_LABELS_FR[i.eventType]} / ${i.eventType}: ${i.subEventType}.`,
    `Acteurs / actors: ${[i.actor1, i.actor2].filter((a) => a !== null).join(' / ')}.`,
    `Décès / fatalities: ${i.fatalities.best}.`,
    ...(i.notes === null ? [] : [i.notes]),
  ].join('\n');
  return (
    '  <entry>\n' +
    element('id', `urn:liptako:incident:${i.id}`, '    ') +
    element('title', title, '    ') +
    element('published', `${i.eventDate}T00:00:00Z`, '    ') +
    element('updated', new Date(i.updatedAt).toISOString(), '    ') +
    `    <link rel="alternate" type="text/html" href="${xmlText(`/incidents/${i.id}`)}"/>\n` +
    `    <category term="${xmlText(i.eventType)}"/>\n` +
    element('summary', summary, '    ') +
    (i.latitude === null || i.longitude === null
      ? ''
      : element('georss:point', `${i.latitude} ${i.longitude}`, '    ')) +
    '  </entry>\n'
  );
}

export function incidentAtomFeed(page: AtomPage, incidents: readonly Incident[]): string {
  return atomDocument(page, incidents.map(incidentEntry), ` xmlns:georss="${GEORSS_NAMESPACE}"`);
}
