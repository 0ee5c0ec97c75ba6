import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESIGNATIONS } from '../../src/domain/actor.ts';
import { ActorRegistry } from '../../src/reference/actor-registry.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import type { ReferenceActor } from '../../src/reference/reference-actor.ts';
import { REFERENCE_DIR, REFERENCE_FILES } from '../../src/reference/reference-dir.ts';

const actors = loadReference().actors;
const keyOf = (name: string, country?: string): string | null =>
  actors.resolve(name, country === undefined ? {} : { country })?.key ?? null;

test('resolves ACLED names with their period suffixes', () => {
  assert.equal(keyOf('Military Forces of Mali (2021-)'), 'MIL_MLI');
  assert.equal(keyOf('Military Forces of Burkina Faso (2015-2022)'), 'MIL_BFA');
  assert.equal(keyOf('Government of Niger (2023-)'), 'GOV_NER');
  assert.equal(keyOf('JNIM: Group for Support of Islam and Muslims'), 'JNIM');
  assert.equal(keyOf('Islamic State (West Africa) - Greater Sahara Faction'), 'IS_SAHEL');
  assert.equal(
    keyOf('MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-2020)'),
    'MINUSMA',
  );
});

test('resolves ACLED names without suffix, with a period not yet listed, and a sub-unit by its force', () => {
  assert.equal(keyOf('Military Forces of Mali'), 'MIL_MLI');
  assert.equal(keyOf('Military Forces of Niger (2031-)'), 'MIL_NER');
  assert.equal(keyOf('Police Forces of Mali (2021-) Gendarmerie'), 'GENDARMERIE_MLI');
  assert.equal(keyOf('Military Forces of Mali (2021-) Air Force'), 'MIL_MLI');
});

test('resolves French and English press names, ignoring case and accents', () => {
  assert.equal(keyOf('FAMa'), 'MIL_MLI');
  assert.equal(keyOf('forces armées maliennes'), 'MIL_MLI');
  assert.equal(keyOf('GSIM'), 'JNIM');
  assert.equal(keyOf("Groupe de soutien à l'islam et aux musulmans"), 'JNIM');
  assert.equal(keyOf('EIGS'), 'IS_SAHEL');
  assert.equal(keyOf('Etat islamique au Grand Sahara'), 'IS_SAHEL');
  assert.equal(keyOf('ISSP'), 'IS_SAHEL');
  assert.equal(keyOf('armée burkinabè'), 'MIL_BFA');
  assert.equal(keyOf('ARMEE BURKINABE'), 'MIL_BFA');
  assert.equal(keyOf('Wagner'), 'WAGNER');
  assert.equal(keyOf('mercenaires russes'), 'WAGNER');
  assert.equal(keyOf('Africa Corps'), 'AFRICA_CORPS');
  assert.equal(keyOf('VDP'), 'VDP');
  assert.equal(keyOf('Volontaires pour la défense de la patrie'), 'VDP');
  assert.equal(keyOf('Barkhane'), 'MIL_FRA');
  assert.equal(keyOf('Casques bleus'), 'MINUSMA');
  assert.equal(keyOf('Front de libération de l’Azawad'), 'FLA');
  assert.equal(keyOf('CSP-DPA'), 'CSP_PSD');
  assert.equal(keyOf('AQMI'), 'AQIM');
  assert.equal(keyOf('FAN'), 'MIL_NER');
});

test('resolves a name every state uses only when the country is given', () => {
  assert.equal(keyOf('FDS'), null);
  assert.deepEqual(
    actors
      .candidates('FDS')
      .map((a) => a.key)
      .sort(),
    ['MIL_BFA', 'MIL_MLI', 'MIL_NER'],
  );
  assert.equal(keyOf('FDS', 'BFA'), 'MIL_BFA');
  assert.equal(keyOf('gendarmerie nationale', 'NER'), 'GENDARMERIE_NER');
  assert.equal(keyOf('civils', 'MLI'), 'CIVILIANS_MLI');
  assert.equal(keyOf('hommes armés non identifiés', 'BFA'), 'UNIDENTIFIED_ARMED_GROUP_BFA');
});

test('keeps the katibas of JNIM as their own actors with JNIM as parent', () => {
  const macina = actors.resolve('Katiba Macina');
  assert.equal(macina?.parent, 'JNIM');
  assert.equal(keyOf('Front de libération du Macina (FLM)'), 'KATIBA_MACINA');
  assert.deepEqual(
    actors.lineage('KATIBA_SERMA').map((a) => a.key),
    ['KATIBA_SERMA', 'JNIM'],
  );
  assert.equal(actors.byKey('ANSAROUL_ISLAM')?.parent, null);
});

test('gives ACLED inter codes: Islamist groups and rebels 2, militias 3 and 4, foreign forces 8', () => {
  assert.equal(actors.interOf('JNIM: Group for Support of Islam and Muslims'), 2);
  assert.equal(actors.interOf('Islamic State (Sahel)'), 2);
  assert.equal(actors.interOf('Ansaroul Islam'), 2);
  assert.equal(actors.interOf('FLA: Azawad Liberation Front'), 2);
  assert.equal(actors.interOf('GATIA: Imghad Tuareg and Allies Self-Defense Group'), 3);
  assert.equal(actors.interOf('VDP: Volunteer for Defense of Homeland'), 3);
  assert.equal(actors.interOf('Dan Na Ambassagou'), 4);
  assert.equal(actors.interOf('Wagner Group'), 8);
  assert.equal(actors.interOf('Military Forces of France (2017-)'), 8);
  assert.equal(actors.interOf('Military Forces of Mali (2021-)'), 1);
});

test('guesses inter codes from the shape of names it does not list', () => {
  assert.equal(actors.resolve('Civilians (Togo)'), null);
  assert.equal(actors.interOf('Civilians (Togo)'), 7);
  assert.equal(actors.interOf('Protesters (Ghana)'), 6);
  assert.equal(actors.interOf('Rioters (Senegal)'), 5);
  assert.equal(actors.interOf('Peul Communal Militia (Niger)'), 4);
  assert.equal(actors.interOf('Djerma Ethnic Militia (Niger)'), 4);
  assert.equal(actors.interOf('Military Forces of Chad (2021-)'), 1);
  assert.equal(actors.interOf('Police Forces of Togo (2005-)'), 1);
  assert.equal(actors.interOf('Unidentified Armed Group (Benin)'), 3);
  assert.equal(actors.interOf('Somebody nobody knows'), null);
});

test('resolves every ACLED name of the committed registry to the actor listing it', () => {
  for (const actor of actors.all()) {
    for (const name of actor.acledNames) {
      assert.equal(actors.resolve(name)?.key, actor.key, name);
      assert.ok(actors.interOf(name) !== null, name);
    }
  }
});

test('covers the actors the platform must know', () => {
  const required = [
    'JNIM',
    'KATIBA_MACINA',
    'KATIBA_SERMA',
    'IS_SAHEL',
    'ANSAROUL_ISLAM',
    'AQIM',
    'AL_MOURABITOUNE',
    'ANSAR_DINE',
    'MUJAO',
    'BOKO_HARAM',
    'ISWAP',
    'CSP_PSD',
    'FLA',
    'CMA',
    'MNLA',
    'HCUA',
    'MAA',
    'GATIA',
    'PLATFORM',
    'MIL_MLI',
    'MIL_BFA',
    'MIL_NER',
    'VDP',
    'WAGNER',
    'AFRICA_CORPS',
    'MINUSMA',
    'MIL_FRA',
    'G5_SAHEL',
    'EUTM_MALI',
    'DOZO_MILITIA',
    'DAN_NA_AMBASSAGOU',
    'KOGLWEOGO',
    'FULANI_MILITIA',
    'DOGON_MILITIA',
    'TUAREG_MILITIA',
  ];
  for (const iso3 of ['MLI', 'BFA', 'NER']) {
    required.push(`POL_${iso3}`, `GENDARMERIE_${iso3}`, `GOV_${iso3}`, `UNIDENTIFIED_ARMED_GROUP_${iso3}`);
    required.push(`CIVILIANS_${iso3}`, `PROTESTERS_${iso3}`, `RIOTERS_${iso3}`);
  }
  required.push('GARDE_NATIONALE_MLI', 'GARDE_NATIONALE_NER');
  for (const key of required) assert.ok(actors.byKey(key) !== null, key);
  assert.equal(actors.byKey('WAGNER')?.state, 'RUS');
  assert.equal(actors.byKey('MIL_FRA')?.designation, 'foreign-force');
  assert.equal(actors.byKey('MINUSMA')?.designation, 'international-force');
});

test('stores well-formed actors: known designations and parents, both descriptions, inter 1–8', () => {
  for (const a of actors.all()) {
    assert.ok(DESIGNATIONS.includes(a.designation), a.key);
    assert.ok(a.inter >= 1 && a.inter <= 8, a.key);
    assert.ok(a.description.en.length > 0 && a.description.fr.length > 0, a.key);
    if (a.parent !== null) assert.ok(actors.byKey(a.parent) !== null, `${a.key} parent`);
    if (['state-force', 'foreign-force', 'government'].includes(a.designation))
      assert.ok(a.state !== null, a.key);
  }
});

test('refuses a registry with two actors under one key', () => {
  const raw = JSON.parse(
    readFileSync(join(REFERENCE_DIR, REFERENCE_FILES.actors), 'utf8'),
  ) as ReferenceActor[];
  const first = raw[0];
  assert.ok(first !== undefined);
  assert.throws(() => new ActorRegistry([first, first]), /Duplicate actor key/);
});
