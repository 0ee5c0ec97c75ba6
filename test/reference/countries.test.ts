import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMemberOn } from '../../src/domain/party.ts';
import { countryIso3 } from '../../src/reference/countries.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

test('resolves ISO codes, English, French and ACLED country names to ISO3', () => {
  assert.equal(countryIso3('ML'), 'MLI');
  assert.equal(countryIso3('bfa'), 'BFA');
  assert.equal(countryIso3('562'), 'NER');
  assert.equal(countryIso3('Burkina Faso'), 'BFA');
  assert.equal(countryIso3('Ivory Coast'), 'CIV');
  assert.equal(countryIso3("Côte d'Ivoire"), 'CIV');
  assert.equal(countryIso3('Democratic Republic of Congo'), 'COD');
  assert.equal(countryIso3('Republic of Congo'), 'COG');
  assert.equal(countryIso3('eSwatini'), 'SWZ');
  assert.equal(countryIso3('Tchad'), 'TCD');
  assert.equal(countryIso3('Algérie'), 'DZA');
  assert.equal(countryIso3('Russia'), 'RUS');
  assert.equal(countryIso3('Atlantis'), null);
  assert.equal(countryIso3(''), null);
});

test('names every country in French and English', () => {
  const countries = loadReference().countries.all();
  assert.ok(countries.length >= 249);
  for (const c of countries) {
    assert.match(c.iso3, /^[A-Z]{3}$/);
    assert.ok(c.name.en !== '' && c.name.fr !== '', c.iso3);
  }
  assert.equal(loadReference().countries.byIso3('SEN')?.name.fr, 'Sénégal');
});

test('lists the three parties as members from the Charter’s signature, 16 September 2023', () => {
  const parties = loadReference().parties;
  assert.deepEqual(
    parties.map((p) => [p.iso3, p.iso2, p.name.fr]),
    [
      ['MLI', 'ML', 'Mali'],
      ['BFA', 'BF', 'Burkina Faso'],
      ['NER', 'NE', 'Niger'],
    ],
  );
  for (const p of parties) {
    assert.equal(isMemberOn(p, '2023-09-15'), false);
    assert.equal(isMemberOn(p, '2023-09-16'), true);
  }
});
