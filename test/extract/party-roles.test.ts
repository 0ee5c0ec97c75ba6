import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findEventCues } from '../../src/ingest/extract/classify-event.ts';
import { loadExtractDictionaries } from '../../src/ingest/extract/extract-dictionaries.ts';
import { civilianQualified, roleOf, type Role } from '../../src/ingest/extract/party-roles.ts';

// Sentences written for these tests.
const dict = loadExtractDictionaries();
const roleIn = (text: string, mention: string): Role => {
  const start = text.indexOf(mention);
  assert.ok(start >= 0, mention);
  const sentence = { start: 0, end: text.length };
  const hits = findEventCues(text, dict).map((h) => ({ start: h.start, end: h.end }));
  return roleOf(text, sentence, hits, { start, end: start + mention.length }, dict.roles);
};

test('active voice: the subject attacks, the object is attacked', () => {
  const text = 'Gunmen killed two soldiers near the market.';
  assert.equal(roleIn(text, 'Gunmen'), 'agent');
  assert.equal(roleIn(text, 'soldiers'), 'target');
});

test('passive voice, in full or telegraphic, turns them round; "by" names the attacker', () => {
  assert.equal(roleIn('Three gendarmes were killed by gunmen on Monday.', 'gendarmes'), 'target');
  assert.equal(roleIn('Three gendarmes were killed by gunmen on Monday.', 'gunmen'), 'agent');
  assert.equal(roleIn('Army post attacked in a village overnight, one dead.', 'Army'), 'target');
  assert.equal(roleIn('Deux soldats ont été tués par des hommes armés.', 'soldats'), 'target');
});

test('a noun takes its attacker after "by" and its target after "on"', () => {
  const text = 'Two died in an attack by militants on a checkpoint.';
  assert.equal(roleIn(text, 'militants'), 'agent');
  assert.equal(roleIn(text, 'checkpoint'), 'target');
});

test('an intransitive verb followed by a place is no passive; a claimant is the attacker', () => {
  assert.equal(roleIn('Herders and farmers clashed near the well.', 'Herders'), 'agent');
  assert.equal(roleIn('A bus was ambushed. The group claimed the attack.', 'group'), 'agent');
});

test('an off-duty or unarmed fighter counts as a civilian', () => {
  const text = 'Militants killed an off-duty soldier at his farm.';
  const start = text.indexOf('soldier');
  assert.equal(
    civilianQualified(text, { start: 0, end: text.length }, { start, end: start + 7 }, dict.roles),
    true,
  );
});
