import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  parseEntry,
  serializeEntry,
  systemActor,
  type AuditEntry,
} from '../../src/domain/audit/audit-entry.ts';
import { canonicalJson } from '../../src/domain/audit/canonical-json.ts';

const entry: AuditEntry = {
  seq: 41,
  time: '2025-03-01T10:00:00.000Z',
  actor: { name: 'amina', userId: 2, role: 'analyst', party: null },
  action: 'incident.update',
  subject: { type: 'incident', id: '7' },
  before: { status: 'reported', revision: 1 },
  after: { status: 'verified', revision: 2 },
};

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no white space', () => {
    assert.equal(
      canonicalJson({ b: [3, { z: 1, a: 'é' }], a: null, c: true }),
      '{"a":null,"b":[3,{"a":"é","z":1}],"c":true}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, 10n, [undefined]])
      assert.throws(() => canonicalJson(bad), TypeError);
  });

  it('gives equal values one text whatever their key order, and parses back to them (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(JSON.parse(text)), text);
        const reordered = JSON.parse(text, (_k, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        assert.equal(canonicalJson(reordered), text);
      }),
    );
  });
});

describe('audit entries', () => {
  it('serialise to canonical JSON with the actor, subject, before and after', () => {
    assert.equal(
      serializeEntry(entry),
      '{"action":"incident.update","actor":{"name":"amina","party":null,"role":"analyst","user_id":2},"after":{"revision":2,"status":"verified"},"before":{"revision":1,"status":"reported"},"seq":41,"subject":{"id":"7","type":"incident"},"time":"2025-03-01T10:00:00.000Z","v":1}',
    );
  });

  it('parse back to the same entry', () => {
    assert.deepEqual(parseEntry(serializeEntry(entry)), { ok: true, entry });
    const system = { ...entry, actor: systemActor('import:acled'), before: null };
    assert.deepEqual(parseEntry(serializeEntry(system)), { ok: true, entry: system });
  });

  it('refuse a text that is not exactly the canonical form, or lacks a field', () => {
    const text = serializeEntry(entry);
    for (const [bad, why] of [
      [text.replace('{"action"', '{ "action"'), /canonical/],
      [text.replace('"seq":41', '"seq":41.5'), /seq/],
      [text.replace('"seq":41', '"seq":-1'), /seq/],
      [text.replace('"v":1', '"v":2'), /version/],
      [text.replace(',"before":{"revision":1,"status":"reported"}', ''), /before/],
      [text.replace('"user_id":2', '"user_id":"2"'), /user_id/],
      ['[]', /object/],
      ['{', /JSON/],
    ] as const) {
      const parsed = parseEntry(bad);
      assert.equal(parsed.ok, false, bad);
      assert.match(!parsed.ok ? parsed.problem : '', why);
    }
  });
});
