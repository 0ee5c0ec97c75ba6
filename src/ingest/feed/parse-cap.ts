/**
 * CAP 1.2 alerts from partners → what the platform needs to file each as a report, or the reason it is
 * refused. Takes one `<alert>` document, or an Atom or RSS feed whose entries or items embed alerts.
 * Read with the project's own XML reader (parse-feed.ts: no entity expanded, nothing fetched); a
 * document with a DOCTYPE is refused outright, since a CAP message never needs one. Pure.
 */
import { readXml, xmlChild, xmlChildren, xmlLocalName, xmlTextOf, type XmlElement } from './parse-feed.ts';

export const CAP_1_2_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** A partner's alert as it will be filed. */
export interface PartnerAlert {
  readonly identifier: string;
  readonly sender: string;
  /** As written (CAP dateTime). */
  readonly sent: string;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  readonly scope: 'Public' | 'Restricted' | 'Private';
  /** "sender,identifier,sent" of the earlier alerts an Update or Cancel refers to. */
  readonly references: readonly { sender: string; identifier: string; sent: string }[];
  readonly language: string | null;
  readonly headline: string | null;
  readonly event: string | null;
  readonly description: string | null;
  readonly areas: readonly string[];
  /** The report text: headline, description and areas. */
  readonly text: string;
}

export type AlertReading =
  | { readonly ok: true; readonly alert: PartnerAlert }
  | {
      readonly ok: false;
      readonly identifier: string | null;
      readonly sender: string | null;
      readonly reason: string;
    };

export type CapDocument =
  | { readonly ok: true; readonly alerts: readonly AlertReading[] }
  | { readonly ok: false; readonly error: string };

const CAP_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
const STATUSES = new Set(['Actual', 'Exercise', 'System', 'Test', 'Draft']);
const SCOPES = new Set(['Public', 'Restricted', 'Private']);

export function parseCapDocument(xml: string): CapDocument {
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, error: 'a DOCTYPE is refused: CAP messages need none' };
  const read = readXml(xml);
  if (!read.ok) return { ok: false, error: read.error };
  const root = read.root;
  const name = xmlLocalName(root.name);
  if (name === 'alert') return { ok: true, alerts: [readAlert(root, namespaceOf(root, root))] };
  if (name !== 'feed' && name !== 'rss' && name !== 'RDF')
    return { ok: false, error: `expected a CAP <alert> or an Atom or RSS feed of alerts, not <${name}>` };
  const alerts: AlertReading[] = [];
  const collect = (e: XmlElement): void => {
    for (const c of e.children)
      if (typeof c !== 'string') {
        if (xmlLocalName(c.name) === 'alert') alerts.push(readAlert(c, namespaceOf(c, root)));
        else collect(c);
      }
  };
  collect(root);
  if (alerts.length === 0) return { ok: false, error: 'the feed embeds no CAP <alert>' };
  return { ok: true, alerts };
}

/** The namespace of an alert element: its prefix's (or the default) declaration on it or on the root. */
function namespaceOf(alert: XmlElement, root: XmlElement): string | null {
  const colon = alert.name.indexOf(':');
  const attribute = colon < 0 ? 'xmlns' : `xmlns:${alert.name.slice(0, colon)}`;
  return alert.attrs.get(attribute) ?? root.attrs.get(attribute) ?? null;
}

function field(e: XmlElement, name: string): string | null {
  const text = xmlTextOf(xmlChild(e, name));
  return text === null ? null : text.trim();
}

function readAlert(e: XmlElement, namespace: string | null): AlertReading {
  const identifier = field(e, 'identifier');
  const sender = field(e, 'sender');
  const refuse = (reason: string): AlertReading => ({ ok: false, identifier, sender, reason });
  if (namespace !== CAP_1_2_NAMESPACE)
    return refuse(`not CAP 1.2: the namespace is ${namespace === null ? 'missing' : `"${namespace}"`}`);
  for (const required of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'])
    if (field(e, required) === null) return refuse(`missing required element <${required}>`);
  if (identifier === null || sender === null) return refuse('missing required element <identifier>');
  if (/[\s,<&]/.test(identifier) || /[\s,<&]/.test(sender))
    return refuse('identifier and sender must not hold spaces, commas, "<" or "&"');
  const sent = field(e, 'sent') ?? '';
  if (!CAP_DATE_TIME.test(sent) || Number.isNaN(Date.parse(sent)))
    return refuse(`invalid date: <sent> "${sent}" is not a CAP dateTime (YYYY-MM-DDThh:mm:ss±hh:mm)`);
  const status = field(e, 'status') ?? '';
  if (!STATUSES.has(status)) return refuse(`<status> "${status}" is not a CAP status`);
  if (status !== 'Actual') return refuse(`<status> ${status}: only Actual alerts are filed`);
  const scope = field(e, 'scope') ?? '';
  if (!SCOPES.has(scope)) return refuse(`<scope> "${scope}" is not a CAP scope`);
  const msgType = field(e, 'msgType') ?? '';
  if (msgType !== 'Alert' && msgType !== 'Update' && msgType !== 'Cancel')
    return refuse(`<msgType> "${msgType}": only Alert, Update and Cancel are filed`);
  const references = (field(e, 'references') ?? '')
    .split(/\s+/)
    .filter((r) => r !== '')
    .map((r) => r.split(','))
    .filter((p) => p.length === 3)
    .map(([s, i, t]) => ({ sender: s ?? '', identifier: i ?? '', sent: t ?? '' }));
  if (msgType !== 'Alert' && references.length === 0)
    return refuse(`missing required element <references> for a ${msgType}`);
  const infos = xmlChildren(e, 'info');
  const info =
    infos.find((i) => (field(i, 'language') ?? '').toLowerCase().startsWith('fr')) ?? infos[0] ?? null;
  const headline = info === null ? null : field(info, 'headline');
  const event = info === null ? null : field(info, 'event');
  const description = info === null ? null : field(info, 'description');
  const areas =
    info === null
      ? []
      : xmlChildren(info, 'area')
          .map((a) => field(a, 'areaDesc'))
          .filter((a): a is string => a !== null && a !== '');
  const text = [headline ?? event, description, areas.length === 0 ? null : `Zone : ${areas.join('; ')}`]
    .filter((t): t is string => t !== null && t !== '')
    .join('\n\n');
  // A Cancel is recorded, not filed: it needs no text.
  if (text === '' && msgType !== 'Cancel')
    return refuse('the alert has no headline, event, description or area to file');
  return {
    ok: true,
    alert: {
      identifier,
      sender,
      sent,
      msgType,
      // Checked against SCOPES above.
      scope: scope as PartnerAlert['scope'],
      references,
      language: info === null ? null : field(info, 'language'),
      headline,
      event,
      description,
      areas,
      text,
    },
  };
}
