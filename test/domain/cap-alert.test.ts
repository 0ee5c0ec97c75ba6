/**
 * CAP alerts from an incident's history, and each of them valid against the OASIS CAP 1.2 schema:
 * every msgType, both scopes, with and without coordinates, with XML special characters, French text
 * and characters XML forbids. The validator is shown to refuse invalid alerts, so these tests can fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  capAlerts,
  capCertainty,
  capDateTime,
  capSeverity,
  capUrgency,
  parseCapIdentifier,
  type CapAlert,
} from '../../src/domain/cap-alert.ts';
import { visibilityOf } from '../../src/domain/classification.ts';
import type { Incident, IncidentRevision } from '../../src/domain/incident.ts';
import { capAlertDocument, capAtomFeed } from '../../src/ingest/export/cap-xml.ts';
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';
import { validateCap } from '../support/cap-schema.ts';
import { storedIncident } from '../support/incident-fixture.ts';

const ALL = visibilityOf({ role: 'analyst', party: null });
const OBSERVER = visibilityOf({ role: 'observer', party: null });

function revision(
  n: number,
  at: string,
  changes: IncidentRevision['changes'],
  reason = 'edit',
): IncidentRevision {
  return { incidentId: 7, revision: n, changedAt: at, changedBy: 'analyst', reason, changes };
}

/** Verified at r2, fatalities corrected at r3, Charter facts at r4 (not announced), rejected at r5. */
function history(): { current: Incident; revisions: IncidentRevision[] } {
  const current = storedIncident({
    revision: 5,
    status: 'rejected',
    fatalities: { low: null, best: 12, high: null },
    updatedAt: '2024-03-20T10:00:00.000Z',
  });
  return {
    current,
    revisions: [
      revision(2, '2024-03-16T09:00:00.000Z', { status: { before: 'machine-coded', after: 'verified' } }),
      revision(
        3,
        '2024-03-17T09:00:00.000Z',
        {
          fatalities: {
            before: { low: null, best: 3, high: null },
            after: { low: null, best: 12, high: null },
          },
        },
        'bilan revu à la hausse',
      ),
      revision(4, '2024-03-18T09:00:00.000Z', { target: { before: null, after: 'military' } }),
      revision(
        5,
        '2024-03-20T10:00:00.000Z',
        { status: { before: 'verified', after: 'rejected' } },
        'doublon',
      ),
    ],
  };
}

async function assertValid(alert: CapAlert): Promise<void> {
  const xml = capAlertDocument(alert);
  const { valid, errors } = await validateCap(xml);
  assert.ok(valid, `${alert.identifier}: ${errors.join('\n')}\n${xml}`);
}

describe('CAP alerts of an incident', () => {
  it('announces the first revision, each correction, and the rejection, with references', () => {
    const { current, revisions } = history();
    const alerts = capAlerts(current, revisions, { visibility: ALL });
    assert.deepEqual(
      alerts.map((a) => [a.msgType, a.revision]),
      [
        ['Alert', 1],
        ['Update', 2],
        ['Update', 3],
        ['Cancel', 5],
      ],
    );
    assert.equal(alerts[0]?.references, null);
    assert.equal(alerts[1]?.references, `${alerts[0]?.sender},${alerts[0]?.identifier},${alerts[0]?.sent}`);
    assert.equal(alerts[3]?.references, `${alerts[2]?.sender},${alerts[2]?.identifier},${alerts[2]?.sent}`);
    // Each alert shows the incident as it was: machine-coded and 3 dead first, then verified, then 12.
    assert.deepEqual(
      alerts.map((a) => [a.infos[0]?.certainty, a.infos[0]?.severity]),
      [
        ['Likely', 'Moderate'],
        ['Observed', 'Moderate'],
        ['Observed', 'Severe'],
        ['Unlikely', 'Severe'],
      ],
    );
    assert.equal(alerts[2]?.note, 'bilan revu à la hausse');
    assert.deepEqual(parseCapIdentifier(alerts[3]?.identifier ?? ''), { incidentId: 7, revision: 5 });
  });

  it('announces nothing for an incident rejected from the start, and a new Alert after a reinstatement', () => {
    const rejected = storedIncident({ status: 'rejected' });
    assert.deepEqual(capAlerts(rejected, [], { visibility: ALL }), []);
    const back = storedIncident({ revision: 3, status: 'verified' });
    const alerts = capAlerts(
      back,
      [
        revision(2, '2024-03-17T00:00:00Z', { status: { before: 'verified', after: 'rejected' } }),
        revision(3, '2024-03-18T00:00:00Z', { status: { before: 'rejected', after: 'verified' } }),
      ],
      { visibility: ALL },
    );
    assert.deepEqual(
      alerts.map((a) => a.msgType),
      ['Alert', 'Cancel', 'Alert'],
    );
    assert.equal(alerts[2]?.references, null);
  });

  it('cancels an incident merged into another', () => {
    const merged = storedIncident({ revision: 2, status: 'rejected', mergedInto: 9 });
    const alerts = capAlerts(
      merged,
      [
        revision(2, '2024-03-17T00:00:00Z', {
          status: { before: 'machine-coded', after: 'rejected' },
          merged_into: { before: null, after: 9 },
        }),
      ],
      { visibility: ALL },
    );
    assert.deepEqual(
      alerts.map((a) => a.msgType),
      ['Alert', 'Cancel'],
    );
  });

  it('scopes PUBLIC records Public and the others Restricted, and hides from a reader what is above them', () => {
    const restricted = storedIncident({ classification: 'AES_RESTRICTED' });
    const [alert] = capAlerts(restricted, [], { visibility: ALL });
    assert.equal(alert?.scope, 'Restricted');
    assert.match(alert?.restriction ?? '', /AES RESTRICTED/);
    assert.deepEqual(capAlerts(restricted, [], { visibility: OBSERVER }), []);
    // Reclassified PUBLIC later: the observer sees the PUBLIC alert only, not the restricted first one.
    const now = storedIncident({ revision: 2, classification: 'PUBLIC' });
    const seen = capAlerts(
      now,
      [
        revision(2, '2024-03-17T00:00:00Z', {
          classification: { before: 'AES_RESTRICTED', after: 'PUBLIC' },
        }),
      ],
      { visibility: OBSERVER },
    );
    assert.deepEqual(
      seen.map((a) => [a.msgType, a.scope]),
      [['Update', 'Public']],
    );
  });

  it('derives urgency, severity and certainty as documented', () => {
    assert.equal(capSeverity(0), 'Minor');
    assert.equal(capSeverity(1), 'Moderate');
    assert.equal(capSeverity(10), 'Severe');
    assert.equal(capSeverity(50), 'Extreme');
    assert.equal(capCertainty('verified'), 'Observed');
    assert.equal(capCertainty('machine-coded'), 'Likely');
    assert.equal(capUrgency('2024-03-15', '2024-03-17T00:00:00+00:00'), 'Immediate');
    assert.equal(capUrgency('2024-03-01', '2024-03-17T00:00:00+00:00'), 'Past');
    assert.equal(capDateTime('2024-03-17T08:09:10.123Z'), '2024-03-17T08:09:10+00:00');
  });
});

describe('CAP 1.2 schema validation', () => {
  it('validates every alert of a history: Alert, Update, Cancel', async () => {
    const { current, revisions } = history();
    for (const alert of capAlerts(current, revisions, { visibility: ALL })) await assertValid(alert);
  });

  it('validates Restricted alerts, alerts without coordinates or admin units, and hostile text', async () => {
    const variants: Partial<Incident>[] = [
      { classification: 'AES_RESTRICTED' },
      { classification: 'NATIONAL', ownerParty: 'BFA' },
      { latitude: null, longitude: null, geoPrecision: null },
      { admin1: null, admin2: null, location: null, latitude: null, longitude: null },
      {
        location: 'Sévaré <"Carrefour"> & Co',
        notes: "Attaque à l'aube ; « témoins » : <script>alert(1)</script> & ]]> \u0001\uFFFE fin",
        actor1: 'Groupe armé non identifié & alliés <GSIM>',
        source: "L'Essor, Studio Tamani & RFI",
      },
      {
        fatalities: { low: 40, best: 120, high: 150 },
        status: 'verified',
        eventIdCnty: null,
        source: null,
        notes: null,
      },
    ];
    for (const over of variants) {
      const [alert] = capAlerts(storedIncident(over), [], { visibility: ALL });
      assert.ok(alert);
      await assertValid(alert);
    }
  });

  it('the validator refuses an invalid alert (wrong msgType, missing sender, Z time zone)', async () => {
    const [alert] = capAlerts(storedIncident(), [], { visibility: ALL });
    assert.ok(alert);
    const xml = capAlertDocument(alert);
    const broken = [
      xml.replace('<msgType>Alert</msgType>', '<msgType>Warning</msgType>'),
      xml.replace(/<sender>[^<]*<\/sender>\n/, ''),
      xml.replace(/<sent>([^<]*)\+00:00<\/sent>/, '<sent>$1Z</sent>'),
      xml.replace('<category>Security</category>', '<category>Conflict</category>'),
    ];
    for (const bad of broken) {
      assert.notEqual(bad, xml);
      assert.equal((await validateCap(bad)).valid, false, bad.slice(0, 400));
    }
  });

  it('puts the alerts in an Atom feed that the project feed reader reads', () => {
    const { current, revisions } = history();
    const alerts = capAlerts(current, revisions, { visibility: ALL });
    const xml = capAtomFeed(
      {
        id: 'urn:liptako:feed:cap',
        title: 'Liptako CAP',
        self: '/api/feeds/cap',
        next: '/api/feeds/cap?cursor=x',
        updated: '2024-03-20T10:00:00Z',
      },
      alerts,
    );
    const parsed = parseFeed(xml);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.equal(parsed.format, 'atom');
    assert.equal(parsed.items.length, 4);
    assert.equal(parsed.items[0]?.id, `urn:liptako:cap:${alerts[0]?.identifier}`);
  });
});
