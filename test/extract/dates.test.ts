import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDates, type DateMention, type Lang } from '../../src/ingest/extract/dates/find-dates.ts';

/** [text, lang, published, expected text of the mention, date, precision, kind, offsetFromEvent] */
type Row = readonly [
  string,
  Lang,
  string | null,
  string,
  string | null,
  DateMention['precision'],
  DateMention['kind'],
  number | null,
];

// Published 2023-04-17 is a Monday.
const MON = '2023-04-17';

const rows: readonly Row[] = [
  // explicit, French
  [
    'Les faits se sont produits le 3 mars 2024 à Djibo.',
    'fr',
    MON,
    'le 3 mars 2024',
    '2024-03-03',
    'day',
    'explicit',
    null,
  ],
  [
    'Attaque ce dimanche 9 avril près de Dori.',
    'fr',
    MON,
    'ce dimanche 9 avril',
    '2023-04-09',
    'day',
    'explicit',
    null,
  ],
  ['Le convoi est parti le 1er fevrier.', 'fr', MON, 'le 1er fevrier', '2023-02-01', 'day', 'explicit', null],
  [
    'Une embuscade le 14 août a fait des morts.',
    'fr',
    MON,
    'le 14 août',
    '2022-08-14',
    'day',
    'explicit',
    null,
  ],
  ['Le 14 aout, une embuscade.', 'fr', MON, 'Le 14 aout', '2022-08-14', 'day', 'explicit', null],
  ['Note du 12/09/2021 sur la situation.', 'fr', MON, '12/09/2021', '2021-09-12', 'day', 'explicit', null],
  ['Publié mer, 2017-10-25 11:31', 'fr', MON, '2017-10-25', '2017-10-25', 'day', 'explicit', null],
  ['Le 20 avril, la fête aura lieu.', 'fr', MON, 'Le 20 avril', '2023-04-20', 'day', 'explicit', null],
  // explicit, English
  [
    'The attack happened on March 3 near Gao.',
    'en',
    MON,
    'on March 3',
    '2023-03-03',
    'day',
    'explicit',
    null,
  ],
  [
    'It was on 3rd March 2024 in Menaka.',
    'en',
    MON,
    'on 3rd March 2024',
    '2024-03-03',
    'day',
    'explicit',
    null,
  ],
  [
    'Posted on Sept. 14, 2022 by staff',
    'en',
    MON,
    'on Sept. 14, 2022',
    '2022-09-14',
    'day',
    'explicit',
    null,
  ],
  ['Raid on Sunday, Jan. 8 near Tera', 'en', MON, 'on Sunday, Jan. 8', '2023-01-08', 'day', 'explicit', null],
  // no publication date: a weekday + day + month pins the latest fitting year of 2012-2026
  [
    'Embuscade ce dimanche 12 septembre dans le Macina.',
    'fr',
    null,
    'ce dimanche 12 septembre',
    '2021-09-12',
    'day',
    'explicit',
    null,
  ],
  [
    'Soldiers were killed on Friday April 8 in an attack.',
    'en',
    null,
    'on Friday April 8',
    '2022-04-08',
    'day',
    'explicit',
    null,
  ],
  ['Embuscade le 12 septembre dans le Macina.', 'fr', null, 'le 12 septembre', null, 'day', 'explicit', null],
  // weekdays: the latest such day on or before publication
  [
    'Samedi, des hommes armés ont attaqué Seytenga.',
    'fr',
    MON,
    'Samedi',
    '2023-04-15',
    'day',
    'weekday',
    null,
  ],
  ['Lundi, le village a été attaqué.', 'fr', MON, 'Lundi', '2023-04-17', 'day', 'weekday', null],
  ['Ce mardi 11, une patrouille est tombée.', 'fr', MON, 'Ce mardi 11', '2023-04-11', 'day', 'weekday', null],
  ['Gunmen struck the village on Tuesday.', 'en', MON, 'on Tuesday', '2023-04-11', 'day', 'weekday', null],
  ['Samedi, des hommes armés ont attaqué.', 'fr', null, 'Samedi', null, 'day', 'weekday', null],
  // relative to publication
  ['Hier, un engin explosif a sauté.', 'fr', MON, 'Hier', '2023-04-16', 'day', 'relative', null],
  [
    "L'attaque d'avant-hier a fait trois morts.",
    'fr',
    MON,
    'avant-hier',
    '2023-04-15',
    'day',
    'relative',
    null,
  ],
  ["Aujourd'hui le bilan s'alourdit.", 'fr', MON, "Aujourd'hui", '2023-04-17', 'day', 'relative', null],
  ['Yesterday a convoy was ambushed.', 'en', MON, 'Yesterday', '2023-04-16', 'day', 'relative', null],
  ['Cette nuit, le poste a été attaqué.', 'fr', MON, 'Cette nuit', '2023-04-17', 'day', 'relative', null],
  [
    'Il y a dix jours, une attaque a eu lieu.',
    'fr',
    MON,
    'Il y a dix jours',
    '2023-04-07',
    'day',
    'relative',
    null,
  ],
  ['Ten days ago, a convoy was hit.', 'en', MON, 'Ten days ago', '2023-04-07', 'day', 'relative', null],
  [
    'Il y a deux semaines, un raid.',
    'fr',
    MON,
    'Il y a deux semaines',
    '2023-04-03',
    'week',
    'relative',
    null,
  ],
  [
    'La semaine dernière a été meurtrière.',
    'fr',
    MON,
    'La semaine dernière',
    '2023-04-10',
    'week',
    'relative',
    null,
  ],
  ['Last week was deadly.', 'en', MON, 'Last week', '2023-04-10', 'week', 'relative', null],
  ['Ce week-end, trois villages attaqués.', 'fr', MON, 'Ce week-end', '2023-04-15', 'week', 'relative', null],
  [
    'Last weekend, three villages were attacked.',
    'en',
    MON,
    'Last weekend',
    '2023-04-15',
    'week',
    'relative',
    null,
  ],
  [
    'Last weekend, three villages were attacked.',
    'en',
    '2023-04-16',
    'Last weekend',
    '2023-04-08',
    'week',
    'relative',
    null,
  ],
  // nights: coded on their second day
  [
    'Dans la nuit de dimanche à lundi, le poste a été attaqué.',
    'fr',
    MON,
    'Dans la nuit de dimanche à lundi',
    '2023-04-17',
    'day',
    'relative',
    null,
  ],
  [
    'Dans la nuit du vendredi 14 au samedi 15 avril, deux raids.',
    'fr',
    MON,
    'Dans la nuit du vendredi 14 au samedi 15 avril',
    '2023-04-15',
    'day',
    'explicit',
    null,
  ],
  [
    'la nuit du 22 au 23 janvier 2020, le camp est tombé',
    'fr',
    MON,
    'la nuit du 22 au 23 janvier 2020',
    '2020-01-23',
    'day',
    'explicit',
    null,
  ],
  [
    "Dans la nuit d'hier à aujourd'hui, un poste attaqué.",
    'fr',
    MON,
    "Dans la nuit d'hier à aujourd'hui",
    '2023-04-17',
    'day',
    'relative',
    null,
  ],
  [
    'Overnight Sunday to Monday, gunmen attacked.',
    'en',
    MON,
    'Overnight Sunday to Monday',
    '2023-04-17',
    'day',
    'relative',
    null,
  ],
  [
    'in the night of 24 to 25 October, an attack',
    'en',
    MON,
    'in the night of 24 to 25 October',
    '2022-10-25',
    'day',
    'explicit',
    null,
  ],
  // a span: its first day
  [
    'between 27 and 31 March 2022, hundreds were executed',
    'en',
    MON,
    'between 27 and 31 March 2022',
    '2022-03-27',
    'day',
    'explicit',
    null,
  ],
  [
    'du 10 au 13 juillet 2020, des manifestations',
    'fr',
    MON,
    'du 10 au 13 juillet 2020',
    '2020-07-10',
    'day',
    'explicit',
    null,
  ],
  // month and year precision
  [
    'Depuis début mars, les attaques se multiplient.',
    'fr',
    MON,
    'début mars',
    '2023-03-01',
    'month',
    'explicit',
    null,
  ],
  [
    'Attacks have grown since early March.',
    'en',
    MON,
    'early March',
    '2023-03-01',
    'month',
    'explicit',
    null,
  ],
  ['Fin février, un camp a été attaqué.', 'fr', MON, 'Fin février', '2023-02-21', 'month', 'explicit', null],
  [
    'En août dernier, Darey Dey a été attaqué.',
    'fr',
    MON,
    'En août dernier',
    '2022-08-01',
    'month',
    'explicit',
    null,
  ],
  ['They may come back in May 2021.', 'en', MON, 'in May 2021', '2021-05-01', 'month', 'explicit', null],
  [
    'Les attaques ont fait 1 400 morts depuis 2015.',
    'fr',
    MON,
    'depuis 2015',
    '2015-01-01',
    'year',
    'explicit',
    null,
  ],
  // relative to the event
  ['La veille, 24 soldats tués à Inates.', 'fr', MON, 'La veille', null, 'day', 'event-relative', -1],
  ['Le lendemain, les renforts sont arrivés.', 'fr', MON, 'Le lendemain', null, 'day', 'event-relative', 1],
  ["L'avant-veille, un convoi avait sauté.", 'fr', MON, "L'avant-veille", null, 'day', 'event-relative', -2],
  [
    'Deux jours plus tôt, un autre poste était tombé.',
    'fr',
    MON,
    'Deux jours plus tôt',
    null,
    'day',
    'event-relative',
    -2,
  ],
  ['The previous day, a mine exploded.', 'en', MON, 'The previous day', null, 'day', 'event-relative', -1],
  ['The next day, the army returned.', 'en', MON, 'The next day', null, 'day', 'event-relative', 1],
  ['Two days later, the toll rose.', 'en', MON, 'Two days later', null, 'day', 'event-relative', 2],
];

describe('findDates', () => {
  for (const [text, lang, published, span, date, precision, kind, offset] of rows) {
    it(`reads "${span}" in "${text}" (${lang}, published ${published ?? 'unknown'}) as ${date ?? `offset ${String(offset)}`}`, () => {
      const found = findDates(text, lang, published).find((d) => d.text === span);
      assert.ok(
        found,
        `no mention "${span}" among ${JSON.stringify(findDates(text, lang, published).map((d) => d.text))}`,
      );
      assert.deepEqual(
        { date: found.date, precision: found.precision, kind: found.kind, offset: found.offsetFromEvent },
        { date, precision, kind, offset },
      );
      assert.equal(text.slice(found.start, found.end), span);
    });
  }

  const none: readonly [string, Lang][] = [
    ['Rendez-vous à 10h30 devant la mairie.', 'fr'],
    ['Appelez le +226 70 12 34 56 ou le 25.30.12.2021.0', 'fr'],
    ['Le bilan est de 12 morts et 3 blessés.', 'fr'],
    ['They may not come, and the march was peaceful.', 'en'],
    ["L'article 12 du code, référence 2021/45.", 'fr'],
  ];
  for (const [text, lang] of none) {
    it(`finds no date in "${text}"`, () => {
      assert.deepEqual(
        findDates(text, lang, MON).map((d) => d.text),
        [],
      );
    });
  }

  it('returns mentions in text order without overlap', () => {
    const text = 'Samedi 15 avril, puis la veille et hier, enfin le 3 mars.';
    const found = findDates(text, 'fr', MON);
    assert.deepEqual(
      found.map((d) => d.text),
      ['Samedi 15 avril', 'la veille', 'hier', 'le 3 mars'],
    );
    for (let k = 1; k < found.length; k++) assert.ok((found[k]?.start ?? 0) >= (found[k - 1]?.end ?? 0));
  });

  it('reads a month-only publication date as the end of that month for the year of a day and month', () => {
    assert.equal(findDates('le 10 décembre', 'fr', '2020-12')[0]?.date, '2020-12-10');
    assert.equal(findDates('hier', 'fr', '2020-12')[0]?.date, null);
  });

  it('returns an unresolved mention for an invalid publication date', () => {
    assert.equal(findDates('hier', 'fr', 'not a date')[0]?.date, null);
  });
});
