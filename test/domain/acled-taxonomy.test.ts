import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EVENT_TYPE_LABELS_FR,
  EVENT_TYPES,
  eventTypeOfSubEvent,
  interactionCode,
  isSubEventTypeOf,
  SUB_EVENT_TYPE_LABELS_FR,
  SUB_EVENT_TYPES,
} from '../../src/domain/acled-taxonomy.ts';

describe('ACLED taxonomy', () => {
  it('has 6 event types and 25 sub-event types, each with a French label', () => {
    assert.equal(EVENT_TYPES.length, 6);
    const subs = Object.values(SUB_EVENT_TYPES).flat();
    assert.equal(subs.length, 25);
    assert.equal(new Set(subs).size, 25);
    for (const t of EVENT_TYPES) assert.ok(EVENT_TYPE_LABELS_FR[t].length > 0);
    for (const s of subs) assert.ok(SUB_EVENT_TYPE_LABELS_FR[s].length > 0);
  });

  it('knows which event type a sub-event type belongs to', () => {
    assert.equal(eventTypeOfSubEvent('Remote explosive/landmine/IED'), 'Explosions/Remote violence');
    assert.equal(eventTypeOfSubEvent('Non-state actor overtakes territory'), 'Battles');
    assert.equal(eventTypeOfSubEvent('Picnic'), undefined);
    assert.equal(isSubEventTypeOf('Battles', 'Attack'), false);
  });

  it('computes the interaction code smaller inter code first, and X0 for one actor', () => {
    assert.equal(interactionCode(2, 1), 12);
    assert.equal(interactionCode(1, 7), 17);
    assert.equal(interactionCode(6, null), 60);
    assert.equal(interactionCode(null, null), null);
  });
});
