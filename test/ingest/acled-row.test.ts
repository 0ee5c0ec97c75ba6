import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapAcledRow, missingAcledColumns } from '../../src/ingest/acled-row.ts';
import type { CsvFields } from '../../src/ingest/csv/csv-item.ts';
import type { ImportedIncident, RowMapping } from '../../src/ingest/imported-incident.ts';
import { testContext } from './test-context.ts';

/** A valid ACLED row of the 31-column export; `overrides` change or blank single cells. */
function acledRow(overrides: Record<string, string> = {}): CsvFields {
  return {
    event_id_cnty: 'MLI99001',
    event_date: '2024-03-05',
    year: '2024',
    time_precision: '1',
    disorder_type: 'Political violence',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: 'Military Forces of Mali (2021-)',
    assoc_actor_1: '',
    inter1: '1',
    actor2: 'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
    assoc_actor_2: '',
    inter2: '2',
    interaction: '12',
    civilian_targeting: '',
    iso: '466',
    region: 'Western Africa',
    country: 'Mali',
    admin1: 'Mopti',
    admin2: 'Douentza',
    admin3: '',
    location: 'Boni',
    latitude: '15.0719',
    longitude: '-2.2139',
    geo_precision: '1',
    source: 'Studio Tamani',
    source_scale: 'National',
    notes: 'Invented note.',
    fatalities: '3',
    tags: '',
    timestamp: '1710201600',
    ...overrides,
  };
}

function accepted(mapping: RowMapping): ImportedIncident {
  if (!mapping.ok) assert.fail(`rejected: ${mapping.reason}`);
  return mapping.incident;
}

function reason(mapping: RowMapping): string {
  if (mapping.ok) assert.fail('accepted');
  return mapping.reason;
}

describe('mapAcledRow', () => {
  it('maps a full ACLED row to an incident keyed on its event id', () => {
    const incident = accepted(mapAcledRow(acledRow(), testContext()));
    assert.deepEqual(
      { ...incident, contentHash: incident.contentHash.length },
      {
        eventIdCnty: 'MLI99001',
        eventDate: '2024-03-05',
        timePrecision: 1,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        actor1: 'Military Forces of Mali (2021-)',
        assocActor1: null,
        inter1: 1,
        actor2: 'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
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
        fatalities: { low: null, best: 3, high: null },
        source: 'Studio Tamani',
        sourceScale: 'National',
        notes: 'Invented note.',
        tags: null,
        status: 'verified',
        classification: 'PUBLIC',
        ownerParty: null,
        origin: 'acled',
        sourceKey: 'acled:MLI99001',
        contentHash: 64,
      },
    );
  });

  it('takes status, classification and owner from the caller', () => {
    const context = testContext({ status: 'reported', classification: 'NATIONAL', ownerParty: 'MLI' });
    const incident = accepted(mapAcledRow(acledRow(), context));
    assert.deepEqual(
      [incident.status, incident.classification, incident.ownerParty],
      ['reported', 'NATIONAL', 'MLI'],
    );
  });

  it('rejects a NATIONAL row without an owning party', () => {
    assert.equal(
      reason(mapAcledRow(acledRow(), testContext({ classification: 'NATIONAL' }))),
      'owner_party: a NATIONAL record must name the party that owns it',
    );
  });

  it('reads inter codes written as ACLED text labels, singular or plural, and text interactions', () => {
    const incident = accepted(
      mapAcledRow(
        acledRow({
          inter1: 'Rebel groups',
          inter2: 'Civilians',
          interaction: 'Rebel group-Civilians',
          actor1: 'Islamic State (Sahel)',
          actor2: 'Civilians (Mali)',
          event_type: 'Violence against civilians',
          sub_event_type: 'Attack',
          civilian_targeting: 'Civilian targeting',
        }),
        testContext(),
      ),
    );
    assert.deepEqual(
      [incident.inter1, incident.inter2, incident.interaction, incident.civilianTargeting],
      [2, 7, 27, true],
    );
  });

  it('asks resolveInter for blank inter codes and computes the interaction', () => {
    const asked: string[] = [];
    const context = testContext();
    const incident = accepted(
      mapAcledRow(acledRow({ inter1: '', inter2: '', interaction: '' }), {
        ...context,
        resolveInter: (name) => {
          asked.push(name);
          return context.resolveInter(name);
        },
      }),
    );
    assert.deepEqual(asked, ['Military Forces of Mali (2021-)', 'JNIM: Jamaah Nusrat al-Islam wal Muslimin']);
    assert.deepEqual([incident.inter1, incident.inter2, incident.interaction], [1, 2, 12]);
  });

  it('leaves inter codes null when the actor is unknown, and reads 0 as no actor', () => {
    const incident = accepted(
      mapAcledRow(
        acledRow({ actor1: 'Unknown Armed Group', inter1: '', inter2: '0', interaction: '' }),
        testContext(),
      ),
    );
    assert.deepEqual([incident.inter1, incident.inter2, incident.interaction], [null, null, null]);
  });

  it('gives a row without actor2 no inter2 and a one-actor interaction', () => {
    const incident = accepted(
      mapAcledRow(acledRow({ actor2: '', inter2: '', interaction: '' }), testContext()),
    );
    assert.deepEqual([incident.actor2, incident.inter2, incident.interaction], [null, null, 10]);
  });

  it('derives event_type from a known sub-event type', () => {
    const incident = accepted(
      mapAcledRow(acledRow({ event_type: '', sub_event_type: 'Air/drone strike' }), testContext()),
    );
    assert.equal(incident.eventType, 'Explosions/Remote violence');
  });

  it('accepts event types in another case and spacing', () => {
    const incident = accepted(
      mapAcledRow(
        acledRow({ event_type: 'violence  against civilians', sub_event_type: 'attack' }),
        testContext(),
      ),
    );
    assert.deepEqual([incident.eventType, incident.subEventType], ['Violence against civilians', 'Attack']);
  });

  it('reads the country from the numeric iso column when there is no country name', () => {
    const incident = accepted(mapAcledRow(acledRow({ country: '', iso: '854' }), testContext()));
    assert.equal(incident.country, 'BFA');
  });

  it('rejects a row whose iso and country disagree', () => {
    assert.equal(
      reason(mapAcledRow(acledRow({ iso: '854' }), testContext())),
      'iso: 854 (BFA) disagrees with country "Mali" (MLI)',
    );
  });

  it('geocodes a row without coordinates, with precision 2 and a remark', () => {
    const mapping = mapAcledRow(
      acledRow({ latitude: '', longitude: '', geo_precision: '', admin1: '', admin2: '' }),
      testContext(),
    );
    assert.ok(mapping.ok);
    assert.deepEqual(mapping.remarks, ['coordinates from gazetteer']);
    const { latitude, longitude, geoPrecision, admin1, admin2 } = mapping.incident;
    assert.deepEqual(
      { latitude, longitude, geoPrecision, admin1, admin2 },
      {
        latitude: 15.0719,
        longitude: -2.2139,
        geoPrecision: 2,
        admin1: 'Mopti',
        admin2: 'Douentza',
      },
    );
  });

  it('passes location, country and admin names to the gazetteer', () => {
    let query: unknown = null;
    mapAcledRow(acledRow({ latitude: '', longitude: '', admin2: '' }), {
      ...testContext(),
      geocode: (q) => {
        query = q;
        return null;
      },
    });
    assert.deepEqual(query, { location: 'Boni', country: 'MLI', admin1: 'Mopti', admin2: null });
  });

  it('reads blank fatalities as 0, as ACLED exports them', () => {
    assert.equal(accepted(mapAcledRow(acledRow({ fatalities: '' }), testContext())).fatalities.best, 0);
  });

  it('accepts a subset of the columns, such as the 17 of the sample file', () => {
    const {
      time_precision: _t,
      inter1: _i1,
      inter2: _i2,
      interaction: _i,
      iso: _iso,
      ...subset
    } = acledRow();
    const incident = accepted(mapAcledRow(subset, testContext()));
    assert.deepEqual([incident.timePrecision, incident.inter1, incident.interaction], [1, 1, 12]);
  });

  it('reports every problem of a row, naming each field', () => {
    assert.equal(
      reason(
        mapAcledRow(
          acledRow({
            event_date: 'yesterday',
            inter1: 'Bandits',
            civilian_targeting: 'maybe',
            latitude: '91',
          }),
          testContext(),
        ),
      ),
      'event_date: "yesterday" is not a date; inter1: "Bandits" is not an ACLED actor type; ' +
        'civilian_targeting: "maybe" is neither "Civilian targeting" nor blank; latitude: 91 is out of range (-90 to 90)',
    );
  });

  it('rejects an interaction that is neither a code nor a pair of actor types', () => {
    assert.equal(
      reason(mapAcledRow(acledRow({ interaction: '99' }), testContext())),
      'interaction: "99" is not an ACLED interaction',
    );
  });

  it('keys a row without event id on its content hash', () => {
    const incident = accepted(mapAcledRow(acledRow({ event_id_cnty: '' }), testContext()));
    assert.equal(incident.sourceKey, `sha256:${incident.contentHash}`);
    assert.match(incident.contentHash, /^[0-9a-f]{64}$/);
  });

  it('hashes the coded content, not how the file wrote it', () => {
    const hashOf = (row: CsvFields): string => accepted(mapAcledRow(row, testContext())).contentHash;
    const base = hashOf(acledRow({ notes: 'Line one.\nLine two.' }));
    assert.equal(hashOf(acledRow({ notes: 'Line one.\r\nLine two.' })), base);
    assert.equal(
      hashOf(
        acledRow({
          notes: '  Line one.\nLine two. ',
          event_date: '05 March 2024',
          latitude: '15.07190',
          inter1: 'State forces',
          fatalities: '3.0',
        }),
      ),
      base,
    );
    assert.notEqual(hashOf(acledRow({ notes: 'Line one.\nLine two!' })), base);
    assert.notEqual(hashOf(acledRow({ notes: 'Line one.\nLine two.', fatalities: '4' })), base);
  });

  it('keeps the hash apart from the record fields the platform sets', () => {
    const hashWith = (status: 'verified' | 'reported'): string =>
      accepted(mapAcledRow(acledRow(), testContext({ status }))).contentHash;
    assert.equal(hashWith('verified'), hashWith('reported'));
  });
});

describe('missingAcledColumns', () => {
  it('finds nothing missing in the 17-column subset', () => {
    const names =
      'event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities';
    assert.deepEqual(missingAcledColumns(names.split(',')), []);
  });

  it('names the required columns a header lacks', () => {
    assert.deepEqual(missingAcledColumns(['event_id_cnty', 'actor1', 'latitude']), [
      'event_date',
      'sub_event_type',
      'country (or iso)',
      'latitude and longitude (or location)',
    ]);
  });
});
