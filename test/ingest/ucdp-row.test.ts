import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { CsvFields } from '../../src/ingest/csv/csv-item.ts';
import { readCsv } from '../../src/ingest/csv/read-csv.ts';
import type { ImportedIncident, RowMapping } from '../../src/ingest/imported-incident.ts';
import { mapUcdpRow, missingUcdpColumns } from '../../src/ingest/ucdp-row.ts';
import { testContext } from './test-context.ts';

const fixture = new URL('../fixtures/ucdp-ged.csv', import.meta.url).pathname;

function accepted(mapping: RowMapping | undefined): ImportedIncident {
  if (mapping === undefined || !mapping.ok) assert.fail(`not accepted: ${JSON.stringify(mapping)}`);
  return mapping.incident;
}

describe('mapUcdpRow', () => {
  const rows: CsvFields[] = [];
  let names: readonly string[] = [];
  before(async () => {
    for await (const item of readCsv(createReadStream(fixture))) {
      if (item.kind === 'header') names = item.names;
      if (item.kind === 'record') rows.push(item.fields);
    }
  });
  const map = (i: number, overrides: Record<string, string> = {}): RowMapping =>
    mapUcdpRow({ ...rows[i], ...overrides }, testContext());

  it('reads a GED file with all its required columns', () => {
    assert.deepEqual(missingUcdpColumns(names), []);
    assert.equal(rows.length, 5);
  });

  it('maps state-based violence to Battles / Armed clash with UCDP estimates', () => {
    const incident = accepted(map(0));
    assert.deepEqual(
      { ...incident, contentHash: incident.contentHash.length },
      {
        eventIdCnty: null,
        eventDate: '2023-06-12',
        timePrecision: 1,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        actor1: 'Government of Mali',
        assocActor1: null,
        inter1: 1,
        actor2: 'JNIM',
        assocActor2: null,
        inter2: 2,
        interaction: 12,
        civilianTargeting: false,
        country: 'MLI',
        admin1: 'Mopti',
        admin2: 'Douentza',
        admin3: null,
        location: 'Boni',
        latitude: 15.0719,
        longitude: -2.2139,
        geoPrecision: 1,
        fatalities: { low: 7, best: 7, high: 9 },
        source: 'Agence France Presse',
        sourceScale: null,
        notes: 'Mali army says it repelled attack near Boni\nWhere: Boni, Douentza cercle, Mopti region',
        tags: null,
        status: 'verified',
        classification: 'PUBLIC',
        ownerParty: null,
        origin: 'ucdp',
        sourceKey: 'ucdp:900001',
        contentHash: 64,
      },
    );
  });

  it('maps non-state violence to Battles and folds date and place precisions onto ACLED levels', () => {
    const incident = accepted(map(1));
    assert.deepEqual(
      [incident.eventType, incident.eventDate, incident.timePrecision, incident.geoPrecision],
      ['Battles', '2023-07-01', 2, 3],
    );
    assert.deepEqual([incident.location, incident.admin1, incident.admin2], ['Djibo', 'Sahel', 'Soum']);
    assert.deepEqual([incident.inter1, incident.inter2, incident.interaction], [2, 2, 22]);
    assert.deepEqual(incident.fatalities, { low: 10, best: 15, high: 20 });
  });

  it('maps one-sided violence to Violence against civilians / Attack, targeting civilians', () => {
    const incident = accepted(map(2));
    assert.deepEqual(
      [
        incident.eventType,
        incident.subEventType,
        incident.civilianTargeting,
        incident.inter2,
        incident.interaction,
      ],
      ['Violence against civilians', 'Attack', true, 7, 27],
    );
    assert.deepEqual([incident.timePrecision, incident.geoPrecision], [3, 2]);
    assert.deepEqual(
      [incident.admin1, incident.admin2, incident.location],
      ['Tillabéri', 'Tillabéri', 'Ayorou'],
    );
    assert.equal(incident.notes, 'Where: near Ayorou, Tillabéri department');
  });

  it('rejects a type of violence UCDP does not define', () => {
    assert.deepEqual(map(3), { ok: false, reason: 'type_of_violence: "4" must be 1, 2 or 3' });
  });

  it('rejects a low estimate above the best one, in the domain validation words', () => {
    assert.deepEqual(map(4), {
      ok: false,
      reason: 'fatalities_low: must be a whole number between 0 and the best estimate',
    });
  });

  it('keeps an admin name that is only a suffix word', () => {
    assert.equal(accepted(map(0, { adm_1: 'Region' })).admin1, 'Region');
  });

  it('reports a missing side_a, date and country together', () => {
    assert.deepEqual(map(0, { side_a: '', date_start: '', country: '' }), {
      ok: false,
      reason: 'date_start: required; side_a: required; country: required',
    });
  });

  it('names the required columns an ACLED header lacks for UCDP', () => {
    assert.deepEqual(missingUcdpColumns(['event_id_cnty', 'event_date', 'latitude', 'longitude']), [
      'id',
      'type_of_violence',
      'date_start',
      'side_a',
      'country',
      'best',
    ]);
  });
});
