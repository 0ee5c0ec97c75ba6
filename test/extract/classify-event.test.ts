import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Extractor } from '../../src/ingest/extract/extractor.ts';
import { loadReference } from '../../src/reference/load-reference.ts';

// Sentences written for these tests; the incidents in them are invented.
const extractor = new Extractor(loadReference());
const typeOf = (text: string, published = '2022-05-10'): string | null => {
  const [event] = extractor.extract(text, { lang: 'en', published });
  return event === undefined ? null : `${event.event_type}/${event.sub_event_type}`;
};

test("ACLED's label before a note names the sub-type", () => {
  assert.equal(
    typeOf(
      'Property destruction: On 8 May 2022, presumed JNIM militants damaged a water tower in Djibo (Djibo, Soum).',
    ),
    'Strategic developments/Looting/property destruction',
  );
  assert.equal(
    typeOf(
      'Non-violent activity: On 8 May 2022, militants gathered villagers for a sermon in Djibo (Djibo, Soum).',
    ),
    'Strategic developments/Other',
  );
});

test('burning any property is property destruction, burning someone alive is an attack', () => {
  assert.equal(
    typeOf('On 7 May 2022, gunmen burned a telephone mast in the town of Djibo (Djibo, Soum).'),
    'Strategic developments/Looting/property destruction',
  );
  assert.equal(
    typeOf('On 7 May 2022, gunmen burned alive a trader in the town of Djibo (Djibo, Soum).'),
    'Violence against civilians/Attack',
  );
});

test('stabbing a man and firing gunshots at a patrol are attacks', () => {
  assert.equal(
    typeOf('On 7 May 2022, unknown individuals stabbed a man in Douentza (Douentza, Mopti).'),
    'Violence against civilians/Attack',
  );
  assert.equal(
    typeOf('On 7 May 2022, militants fired gunshots at a gendarmerie patrol in Djibo (Djibo, Soum).'),
    'Battles/Armed clash',
  );
});

test('banning farming or running a checkpoint is a non-violent strategic development', () => {
  assert.equal(
    typeOf(
      'On 7 May 2022, militants banned residents from farming in the village of Gorom-Gorom (Gorom-Gorom, Oudalan).',
    ),
    'Strategic developments/Other',
  );
  assert.equal(
    typeOf('On 7 May 2022, militants set up a checkpoint on the road near Djibo (Djibo, Soum).'),
    'Strategic developments/Other',
  );
});

test('residents taking to the streets is a peaceful protest', () => {
  assert.equal(
    typeOf('On 7 May 2022, residents of Gao took to the streets to demand more security.'),
    'Protests/Peaceful protest',
  );
});

test('an attack that wounds someone is an attack even when goods are taken; one on a post is a clash', () => {
  assert.equal(
    typeOf(
      'On 7 May 2022, gunmen attacked herders near Djibo (Djibo, Soum), wounded two of them and stole their cattle.',
    ),
    'Violence against civilians/Attack',
  );
  assert.equal(
    typeOf(
      'On 7 May 2022, unidentified gunmen attacked the gendarmerie post of Djibo (Djibo, Soum) and burned two vehicles.',
    ),
    'Battles/Armed clash',
  );
  assert.equal(
    typeOf('On 7 May 2022, gunmen attacked a shop in Djibo (Djibo, Soum) and stole goods. No casualties.'),
    'Strategic developments/Looting/property destruction',
  );
});

test('a country that "has been overrun" by armed groups is background, not a territory taken', () => {
  assert.equal(
    typeOf(
      'On 8 May 2022, gunmen ambushed a patrol near Djibo (Djibo, Soum). The region has been overrun by armed groups for years.',
    ),
    'Battles/Armed clash',
  );
  assert.equal(
    typeOf('On 8 May 2022, militants overran the army camp of Djibo (Djibo, Soum).'),
    'Battles/Non-state actor overtakes territory',
  );
});

test('fighters abducted are a battle; an explosion with gunfire or ground troops is a battle', () => {
  assert.equal(
    typeOf(
      'On 7 May 2022, unknown gunmen abducted two CMA fighters at a checkpoint in Kidal (Kidal, Kidal).',
    ),
    'Battles/Armed clash',
  );
  assert.equal(
    typeOf(
      'On 7 May 2022, an army convoy was hit by an IED followed by gunfire near Boni (Douentza, Mopti).',
    ),
    'Battles/Armed clash',
  );
  assert.equal(
    typeOf('On 7 May 2022, an army truck hit an IED near Boni (Douentza, Mopti), wounding two soldiers.'),
    'Explosions/Remote violence/Remote explosive/landmine/IED',
  );
});

test('"3 soldiers wounded": a counted noun before a participle was hit', () => {
  assert.equal(
    typeOf('On 7 May 2022, the checkpoint of Boni (Douentza, Mopti) came under fire: 3 soldiers wounded.'),
    'Battles/Armed clash',
  );
});
