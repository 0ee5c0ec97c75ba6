/** The nine worked examples of CHARTER.md, as the engine must propose them (people decide). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BURKINA_ARMY,
  CHARTER,
  evaluateIncident,
  FAMA,
  FAN,
  IS_SAHEL,
  incident,
  JNIM,
  obliged,
  withAccession,
  withNotice,
} from './charter-fixtures.ts';

/** An attack by a non-party state's forces on a Nigerien garrison (example 4), dated as asked. */
function foreignStrikeOnNiger(eventDate: string): Record<string, unknown> {
  return incident({
    event_date: eventDate,
    country_iso3: 'NER',
    admin1: 'Dosso',
    location: 'Gaya',
    latitude: 11.88,
    longitude: 3.45,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: 'Military Forces of Benin (2016-)',
    actor2: FAN,
    target: 'installation',
    fatalities: 5,
  });
}

describe('worked examples of CHARTER.md', () => {
  it('1. a JNIM ambush killing 12 Malian soldiers near Boulkessi engages Art. 4 and proposes Art. 6 as possible', () => {
    const p = evaluateIncident(incident());
    assert.equal(p['4']?.status, 'engaged');
    assert.deepEqual(obliged(p['4']), ['BFA', 'MLI', 'NER']);
    assert.equal(p['6']?.status, 'proposed');
    assert.ok((p['6']?.confidence ?? 1) <= 0.6, 'an attack on forces is only "possible"');
    assert.deepEqual(obliged(p['6']), ['BFA', 'NER']);
    assert.equal(p['5']?.status, 'not_engaged');
    assert.equal(p['7']?.status, 'not_engaged');
    assert.equal(p['8']?.status, 'not_engaged');
  });

  it('2. an IS Sahel massacre of 40 civilians in Tillabéri engages Art. 4 and does not propose Art. 6', () => {
    const p = evaluateIncident(
      incident({
        country_iso3: 'NER',
        admin1: 'Tillaberi',
        location: 'Tchoma Bangou',
        latitude: 14.63,
        longitude: 0.85,
        event_type: 'Violence against civilians',
        sub_event_type: 'Attack',
        actor1: IS_SAHEL,
        actor2: 'Civilians (Niger)',
        fatalities: 40,
      }),
    );
    assert.equal(p['4']?.status, 'engaged');
    assert.equal(p['6']?.status, 'not_engaged');
    assert.match(
      String(p['6']?.reasons.find((r) => r.fact === 'target')?.value),
      /civilian-harm record kept/,
    );
    assert.deepEqual(p['6']?.obligations, []);
  });

  it('3. FLA rebels taking a town in Kidal open a rebellion case (Art. 5) and propose Art. 6', () => {
    const p = evaluateIncident(
      incident({
        admin1: 'Kidal',
        location: 'Anefis',
        latitude: 18.05,
        longitude: 0.6,
        sub_event_type: 'Non-state actor overtakes territory',
        actor1: 'FLA: Azawad Liberation Front',
        actor2: FAMA,
        fatalities: 3,
      }),
    );
    assert.equal(p['5']?.status, 'proposed');
    assert.match(p['5']?.obligations.find((o) => o.party === 'MLI')?.duty ?? '', /dialogue or mediation/);
    assert.equal(p['6']?.status, 'proposed');
    assert.ok(p['6']?.reasons.some((r) => r.fact === 'territory_seized' && r.value === true));
    assert.equal(p['4']?.status, 'not_engaged');
  });

  it("4. a non-party state's forces striking a garrison in Niger propose Art. 6 with high confidence, obligations for Burkina Faso and Mali", () => {
    const p = evaluateIncident(foreignStrikeOnNiger('2024-08-01'));
    assert.equal(p['6']?.status, 'proposed');
    assert.ok((p['6']?.confidence ?? 0) >= 0.85);
    assert.deepEqual(obliged(p['6']), ['BFA', 'MLI']);
    assert.match(p['6']?.obligations[0]?.duty ?? '', /unanimity/);
  });

  it('5. a Burkinabè army aircraft shot down over a non-party neighbour proposes Art. 7 and Art. 6', () => {
    const p = evaluateIncident(
      incident({
        country_iso3: 'GHA',
        admin1: 'Upper East',
        location: 'Bawku',
        latitude: 11.06,
        longitude: -0.24,
        event_type: 'Explosions/Remote violence',
        sub_event_type: 'Shelling/artillery/missile attack',
        actor1: 'Unidentified Armed Group (Ghana)',
        actor2: BURKINA_ARMY,
        target: 'aircraft',
        fatalities: 2,
      }),
    );
    assert.equal(p['7']?.status, 'proposed');
    assert.equal(p['6']?.status, 'proposed');
    assert.ok(
      p['6']?.reasons.some((r) => r.clause.id === '7'),
      'Art. 6 cites Art. 7',
    );
    assert.deepEqual(obliged(p['6']), ['MLI', 'NER']);
    assert.equal(p['4']?.status, 'not_engaged');
  });

  it('6. an attack on a Nigerien army post launched from Burkina Faso engages Art. 4 and raises an Art. 8 concern between Niger and Burkina Faso', () => {
    const p = evaluateIncident(
      incident({
        country_iso3: 'NER',
        admin1: 'Tillaberi',
        location: 'Tamou',
        latitude: 12.76,
        longitude: 2.18,
        actor1: JNIM,
        actor2: FAN,
        target: 'installation',
        launched_from: 'BFA',
        fatalities: 7,
      }),
    );
    assert.equal(p['4']?.status, 'engaged');
    assert.equal(p['8']?.status, 'proposed');
    assert.deepEqual(obliged(p['8']), ['BFA', 'NER']);
    assert.match(
      p['8']?.obligations.find((o) => o.party === 'BFA')?.duty ?? '',
      /launched from its territory/,
    );
  });

  it('7. a peaceful protest in Bamako engages nothing', () => {
    const p = evaluateIncident(
      incident({
        admin1: 'Bamako',
        location: 'Bamako',
        latitude: 12.65,
        longitude: -8,
        event_type: 'Protests',
        sub_event_type: 'Peaceful protest',
        actor1: 'Protesters (Mali)',
        actor2: null,
        fatalities: 0,
      }),
    );
    for (const article of ['4', '5', '6', '7', '8']) {
      assert.equal(p[article]?.status, 'not_engaged', `Art. ${article}`);
      assert.deepEqual(p[article]?.obligations, []);
    }
  });

  it('8. a party attacked five months after its notice of withdrawal is still assisted; seven months after, the Charter is not engaged for it', () => {
    const leaving = withNotice(CHARTER, 'NER', '2025-01-10');
    const fiveMonths = evaluateIncident(foreignStrikeOnNiger('2025-06-10'), leaving);
    assert.equal(fiveMonths['6']?.status, 'proposed');
    assert.deepEqual(obliged(fiveMonths['6']), ['BFA', 'MLI']);
    const sevenMonths = evaluateIncident(foreignStrikeOnNiger('2025-08-10'), leaving);
    for (const article of ['4', '5', '6', '7', '8'])
      assert.equal(sevenMonths[article]?.status, 'not_engaged');
  });

  it('9. an aggression against Niger after a fourth state acceded obliges all three other parties', () => {
    const enlarged = withAccession(
      CHARTER,
      { iso3: 'TCD', iso2: 'TD', name: { en: 'Chad', fr: 'Tchad' } },
      '2025-03-01',
    );
    const p = evaluateIncident(foreignStrikeOnNiger('2025-04-01'), enlarged);
    assert.equal(p['6']?.status, 'proposed');
    assert.deepEqual(obliged(p['6']), ['BFA', 'MLI', 'TCD']);
    const before = evaluateIncident(foreignStrikeOnNiger('2025-02-01'), enlarged);
    assert.deepEqual(obliged(before['6']), ['BFA', 'MLI']);
  });
});
