/** What the engine does at the edges: membership dates, unknown actors, borders, missing facts, other treaties. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../src/domain/charter/evaluate.ts';
import { incidentFacts } from '../../src/domain/charter/incident-facts.ts';
import { readIncidentInput } from '../../src/domain/charter/incident-input.ts';
import {
  CHARTER,
  evaluateIncident,
  FAN,
  incident,
  lookup,
  obliged,
  PROTOCOL,
  withNotice,
} from './charter-fixtures.ts';

describe('membership by date', () => {
  it('engages nothing the day before signature, and Art. 4 on the day of signature', () => {
    const before = evaluateIncident(incident({ event_date: '2023-09-15' }));
    for (const p of Object.values(before)) assert.equal(p.status, 'not_engaged', `Art. ${p.article}`);
    assert.equal(before['4']?.reasons[0]?.fact, 'as_of');
    assert.equal(evaluateIncident(incident({ event_date: '2023-09-16' }))['4']?.status, 'engaged');
  });

  it('keeps a party under notice owing assistance to another until the last day of its notice', () => {
    const leaving = withNotice(CHARTER, 'BFA', '2025-01-10');
    const during = evaluateIncident(incident({ event_date: '2025-07-09' }), leaving)['6'];
    assert.deepEqual(obliged(during), ['BFA', 'NER']);
    assert.match(during?.obligations.find((o) => o.party === 'BFA')?.duty ?? '', /under notice.*2025-07-09/);
    const after = evaluateIncident(incident({ event_date: '2025-07-10' }), leaving)['6'];
    assert.deepEqual(obliged(after), ['NER']);
  });

  it('reads membership on --as-of rather than the event date when asked', () => {
    const leaving = withNotice(CHARTER, 'MLI', '2025-01-10');
    const p = evaluateIncident(incident({ event_date: '2025-03-01' }), leaving, '2025-08-01');
    assert.equal(p['4']?.status, 'not_engaged');
  });
});

describe('unknown and partial facts', () => {
  it('lowers confidence and names the designation of an actor the registry does not know', () => {
    const p = evaluateIncident(incident({ actor1: 'Katiba inconnue du Gourma' }));
    assert.equal(p['4']?.status, 'proposed');
    assert.deepEqual(p['4']?.missing, ['actor1_type']);
    assert.equal(p['6']?.status, 'proposed');
    assert.ok(p['6']?.missing.includes('actor1_type'));
    assert.ok((p['6']?.confidence ?? 1) < 0.6);
  });

  it("takes the analyst's actor1_type over the registry", () => {
    const p = evaluateIncident(
      incident({ actor1: 'Katiba inconnue du Gourma', actor1_type: 'designated-terrorist-group' }),
    );
    assert.equal(p['4']?.status, 'engaged');
  });

  it('names fatalities as missing and lowers Art. 6 when the toll is unknown', () => {
    const p = evaluateIncident(incident({ fatalities: null }))['6'];
    assert.equal(p?.status, 'proposed');
    assert.deepEqual(p?.missing, ['fatalities']);
    assert.equal(p?.confidence, 0.43);
  });

  it('names target as missing when actor2 does not tell what was hit', () => {
    const p = evaluateIncident(incident({ actor2: null }))['6'];
    assert.ok(p?.missing.includes('target'));
  });

  it('answers an incident with nothing but a date, without throwing', () => {
    const proposals = evaluate(incidentFacts(readOk({}), lookup), CHARTER, '2024-05-10');
    assert.deepEqual(
      proposals.map((p) => p.status),
      ['not_engaged', 'not_engaged', 'not_engaged', 'not_engaged', 'not_engaged'],
    );
    assert.ok(proposals.every((p) => p.confidence > 0 && p.confidence <= 1));
  });
});

describe('places', () => {
  it('takes the coded country for an incident a few hundred metres from a border', () => {
    // Near the Mali-Niger border north of Ménaka: the coordinates could fall on either side.
    const p = evaluateIncident(
      incident({ country_iso3: 'NER', admin1: 'Tillaberi', latitude: 15.2, longitude: 3.55, actor2: FAN }),
    );
    assert.equal(p['4']?.status, 'engaged');
    assert.deepEqual(obliged(p['6']), ['BFA', 'MLI']);
  });

  it('engages nothing for a jihadist attack outside every party', () => {
    const p = evaluateIncident(
      incident({ country_iso3: 'BEN', admin1: 'Alibori', actor2: 'Military Forces of Benin (2016-)' }),
    );
    for (const proposal of Object.values(p))
      assert.equal(proposal.status, 'not_engaged', `Art. ${proposal.article}`);
  });
});

describe('another treaty', () => {
  it("answers per the protocol's own parties, rule and clauses", () => {
    const p = evaluateIncident(
      incident({ country_iso3: 'NER', actor2: FAN, event_date: '2024-08-01' }),
      PROTOCOL,
    );
    assert.deepEqual(Object.keys(p), ['2', '3', '4']);
    assert.equal(p['2']?.status, 'proposed', 'its counter-terrorism clause needs a decision');
    assert.equal(p['3']?.status, 'proposed');
    assert.deepEqual(obliged(p['3']), ['GIN', 'MRT', 'TCD']);
    assert.match(p['3']?.obligations[0]?.duty ?? '', /2\/3 of the parties/);
    assert.equal(p['3']?.treaty, 'example-mutual-defence-protocol');
  });

  it('counts a state that acceded to the protocol only from its accession', () => {
    const p = evaluateIncident(
      incident({ country_iso3: 'NER', actor2: FAN, event_date: '2024-05-01' }),
      PROTOCOL,
    );
    assert.deepEqual(obliged(p['3']), ['MRT', 'TCD']);
  });

  it("does not extend the protocol's aggression beyond its parties' territory, having no Art. 7", () => {
    const p = evaluateIncident(
      incident({ country_iso3: 'GHA', actor2: FAN, target: 'aircraft', event_date: '2024-08-01' }),
      PROTOCOL,
    );
    assert.equal(p['3']?.status, 'not_engaged');
  });

  it('says, for one incident in Mali, what each treaty engages', () => {
    const charter = evaluateIncident(incident());
    const protocol = evaluateIncident(incident(), PROTOCOL);
    assert.equal(charter['6']?.status, 'proposed');
    assert.ok(
      Object.values(protocol).every((p) => p.status === 'not_engaged'),
      'Mali is not a party to the protocol',
    );
  });
});

function readOk(value: Record<string, unknown>): Parameters<typeof incidentFacts>[0] {
  const read = readIncidentInput(value);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.input;
}
