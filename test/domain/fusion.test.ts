import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compatibleEventTypes,
  decideFusion,
  distanceKm,
  fuseSources,
  type FusionCandidate,
  type FusionSource,
} from '../../src/domain/fusion.ts';
import type { ReportEvent } from '../../src/domain/report-link.ts';

const event: ReportEvent = {
  eventDate: '2024-06-08',
  dateStated: true,
  country: 'BFA',
  admin1: 'Sahel',
  location: 'Solhan',
  latitude: 13.38,
  longitude: 0.45,
  eventType: 'Violence against civilians',
  subEventType: 'Attack',
  actor1: 'Unidentified Armed Group (Burkina Faso)',
  actor2: 'Civilians (Burkina Faso)',
  fatalities: 12,
};

const candidate = (over: Partial<FusionCandidate> = {}): FusionCandidate => ({
  id: 1,
  country: 'BFA',
  eventDate: '2024-06-08',
  eventType: 'Violence against civilians',
  location: 'Solhan',
  latitude: 13.38,
  longitude: 0.45,
  status: 'machine-coded',
  origin: 'report',
  ...over,
});

const source = (over: Partial<ReportEvent>, extra: Partial<FusionSource> = {}): FusionSource => ({
  event: { ...event, ...over },
  confidence: 0.9,
  published: '2024-06-09',
  order: 1,
  ...extra,
});

describe('deciding whether a report describes a known incident', () => {
  it('fuses an event into a machine-coded incident of the same place and day', () => {
    assert.deepEqual(decideFusion(event, [candidate()]), { kind: 'fuse', incidentId: 1 });
  });

  it('fuses across a day and within 25 km, but not two days or 30 km away', () => {
    assert.equal(decideFusion(event, [candidate({ eventDate: '2024-06-09', location: 'X' })]).kind, 'fuse');
    assert.equal(decideFusion(event, [candidate({ eventDate: '2024-06-10' })]).kind, 'new');
    // 0.18° of latitude ≈ 20 km; 0.27° ≈ 30 km.
    assert.equal(decideFusion(event, [candidate({ latitude: 13.56, location: 'Y' })]).kind, 'fuse');
    assert.equal(decideFusion(event, [candidate({ latitude: 13.65, location: 'Y' })]).kind, 'new');
  });

  it('fuses an event of the same place name, spelled with other accents and case, without coordinates', () => {
    const unplaced = { ...event, latitude: null, longitude: null, location: 'SOLHÂN' };
    assert.equal(decideFusion(unplaced, [candidate({ location: 'Solhan', latitude: 14.5 })]).kind, 'fuse');
  });

  it('never fuses across countries', () => {
    assert.equal(decideFusion(event, [candidate({ country: 'NER' })]).kind, 'new');
  });

  it('fuses a clash and an IED of one place and day, but not a clash and a protest', () => {
    assert.ok(compatibleEventTypes('Battles', 'Explosions/Remote violence'));
    assert.ok(compatibleEventTypes('Battles', 'Violence against civilians'));
    assert.ok(compatibleEventTypes('Protests', 'Riots'));
    assert.ok(!compatibleEventTypes('Battles', 'Protests'));
    assert.ok(!compatibleEventTypes('Strategic developments', 'Battles'));
    assert.equal(decideFusion(event, [candidate({ eventType: 'Protests' })]).kind, 'new');
  });

  it('prefers the incident of the same type, then the nearest', () => {
    const decision = decideFusion(event, [
      candidate({ id: 1, eventType: 'Battles' }),
      candidate({ id: 2, latitude: 13.45, location: 'Other' }),
      candidate({ id: 3 }),
    ]);
    assert.deepEqual(decision, { kind: 'fuse', incidentId: 3 });
  });

  it('links to a verified or curated incident for review instead of fusing into it', () => {
    assert.deepEqual(decideFusion(event, [candidate({ status: 'verified' })]), {
      kind: 'review',
      incidentId: 1,
    });
    assert.deepEqual(decideFusion(event, [candidate({ origin: 'acled' })]), {
      kind: 'review',
      incidentId: 1,
    });
  });

  it('ignores rejected incidents and those another event of the same report went to', () => {
    assert.equal(decideFusion(event, [candidate({ status: 'rejected' })]).kind, 'new');
    assert.equal(decideFusion(event, [candidate()], new Set([1])).kind, 'new');
  });

  it('measures great-circle distances', () => {
    // Ouagadougou–Niamey, about 420 km.
    const km = distanceKm({ latitude: 12.37, longitude: -1.53 }, { latitude: 13.51, longitude: 2.11 });
    assert.ok(km > 400 && km < 440, String(km));
  });
});

describe("an incident's fields from its sources", () => {
  it("takes the latest report's toll as the best estimate, the others as low and high", () => {
    const fused = fuseSources([
      source({ fatalities: 12 }, { published: '2024-06-09', order: 1 }),
      source({ fatalities: 19 }, { published: '2024-06-11', order: 2 }),
      source({ fatalities: 15 }, { published: '2024-06-10', order: 3 }),
    ]);
    assert.deepEqual(fused.fatalities, { low: 12, best: 19, high: 19 });
  });

  it('gives one toll without low and high, and none as zero', () => {
    assert.deepEqual(fuseSources([source({ fatalities: 7 })]).fatalities, { low: null, best: 7, high: null });
    assert.deepEqual(fuseSources([source({ fatalities: null })]).fatalities, {
      low: null,
      best: 0,
      high: null,
    });
  });

  it('takes the type, the day and the place most sources give', () => {
    const fused = fuseSources([
      source({ eventType: 'Battles', subEventType: 'Armed clash', eventDate: '2024-06-07' }, { order: 1 }),
      source({}, { order: 2 }),
      source({ location: 'Solhan-Centre', latitude: 13.4 }, { order: 3 }),
      source({}, { order: 4 }),
    ]);
    assert.equal(fused.eventType, 'Violence against civilians');
    assert.equal(fused.subEventType, 'Attack');
    assert.equal(fused.eventDate, '2024-06-08');
    assert.equal(fused.location, 'Solhan');
    assert.equal(fused.latitude, 13.38);
  });

  it('lets a stated day outvote publication days standing in for missing ones', () => {
    const fused = fuseSources([
      source({ eventDate: '2024-06-09', dateStated: false }),
      source({ eventDate: '2024-06-09', dateStated: false }),
      source({ eventDate: '2024-06-08' }),
    ]);
    assert.equal(fused.eventDate, '2024-06-08');
    assert.equal(fused.dateStated, true);
  });

  it('breaks a tie by confidence, then by the earliest source', () => {
    const byConfidence = fuseSources([
      source({ actor1: 'A' }, { confidence: 0.5, order: 1 }),
      source({ actor1: 'B' }, { confidence: 0.9, order: 2 }),
    ]);
    assert.equal(byConfidence.actor1, 'B');
    const byOrder = fuseSources([
      source({ actor1: 'B' }, { order: 2 }),
      source({ actor1: 'A' }, { order: 1 }),
    ]);
    assert.equal(byOrder.actor1, 'A');
  });
});
