import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAcledActorName } from '../../src/reference/acled-actor-name.ts';

test('reads a state force, its period and its sub-unit', () => {
  assert.deepEqual(parseAcledActorName('Police Forces of Burkina Faso (2022-) Gendarmerie'), {
    shape: 'police-forces',
    place: 'Burkina Faso',
    qualifier: 'Gendarmerie',
    inter: 1,
    designation: 'state-force',
  });
  assert.equal(parseAcledActorName('Military Forces of Mali (2013-2020)')?.place, 'Mali');
  assert.equal(parseAcledActorName('Military Forces of Mali')?.qualifier, null);
  assert.equal(parseAcledActorName('Government of Niger (2023-)')?.designation, 'government');
});

test('reads mutinies and former forces as political militias, not state forces', () => {
  assert.equal(parseAcledActorName('Mutiny of Military Forces of Niger (2021-2023)')?.inter, 3);
  assert.equal(parseAcledActorName('Mutiny of Military Forces of Niger (2021-2023)')?.place, 'Niger');
  assert.equal(
    parseAcledActorName('Former Military Forces of Burkina Faso (1987-2014)')?.shape,
    'former-military-forces',
  );
});

test('reads militias with the community or locality they are named after', () => {
  const fulani = parseAcledActorName('Fulani Ethnic Militia (Mali)');
  assert.equal(fulani?.shape, 'ethnic-militia');
  assert.equal(fulani?.qualifier, 'Fulani');
  assert.equal(fulani?.place, 'Mali');
  assert.equal(fulani?.inter, 4);
  assert.equal(parseAcledActorName('Nouhoun-Bozo Communal Militia (Mali)')?.qualifier, 'Nouhoun-Bozo');
  assert.equal(parseAcledActorName('Oulad Aich Clan Militia (Mali)')?.shape, 'clan-militia');
});

test('reads civilians, protesters, rioters, unidentified groups and private security', () => {
  assert.equal(parseAcledActorName('Civilians (International)')?.inter, 7);
  assert.equal(parseAcledActorName('Protesters (Mali)')?.inter, 6);
  assert.equal(parseAcledActorName('Rioters (Niger)')?.inter, 5);
  assert.equal(parseAcledActorName('Unidentified Armed Group (Mali)')?.inter, 3);
  assert.equal(parseAcledActorName('Unidentified Military Forces')?.inter, 8);
  assert.equal(parseAcledActorName('Private Security Forces (Mali)')?.designation, 'other');
});

test('reads nothing into a named group', () => {
  assert.equal(parseAcledActorName('JNIM: Group for Support of Islam and Muslims'), null);
  assert.equal(parseAcledActorName('Dan Na Ambassagou'), null);
});
