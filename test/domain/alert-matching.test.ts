/** Subscriptions' matching, pure: areas (checked, point in polygon), admin units, types, actors, tolls, articles, classification. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  areaContains,
  areaProblems,
  bboxArea,
  MAX_AREA_VERTICES,
  type AlertArea,
} from '../../src/domain/alerts/alert-area.ts';
import { incidentAlert, type AlertEvent } from '../../src/domain/alerts/alert-event.ts';
import {
  filterProblems,
  matchesFilter,
  mayReceive,
  type AlertFilter,
} from '../../src/domain/alerts/alert-subscription.ts';
import { incidentInput } from '../support/factories.ts';

function event(
  over: Parameters<typeof incidentInput>[0] = {},
  extra: { articles?: string[] } = {},
): AlertEvent {
  const i = incidentInput(over);
  return {
    ...incidentAlert('incident.created', { ...i, id: 1, mergedInto: null }, extra),
    seq: 1,
    createdAt: '2024-06-01T00:00:00Z',
  };
}

describe('an alert area', () => {
  it('refuses open rings, too few positions, coordinates off the globe, and too many vertices, naming each', () => {
    assert.deepEqual(areaProblems(bboxArea(-5, 10, 5, 20)), []);
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    assert.match(areaProblems(open).join(), /not closed/);
    assert.match(
      areaProblems({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }).join(),
      /at least 4/,
    );
    assert.match(
      areaProblems({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [190, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }).join(),
      /longitude 190/,
    );
    assert.match(
      areaProblems({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      }).join(),
      /latitude 95/,
    );
    assert.match(areaProblems({ type: 'Point', coordinates: [0, 0] }).join(), /Polygon/);
    const ring = Array.from({ length: MAX_AREA_VERTICES + 1 }, (_, k) => {
      const a = (2 * Math.PI * k) / MAX_AREA_VERTICES;
      return [Math.cos(a), Math.sin(a)];
    });
    ring[ring.length - 1] = ring[0] as number[];
    assert.match(areaProblems({ type: 'Polygon', coordinates: [ring] }).join(), /at most 5000/);
  });

  it('holds the points of a rectangle and no point outside it (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: 0.01, max: 9, noNaN: true }),
        fc.double({ min: 0.01, max: 9, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (lon, lat, w, h, dx, dy) => {
          const area = bboxArea(lon, lat, lon + w, lat + h);
          const x = lon + w / 2 + dx;
          const y = lat + h / 2 + dy;
          const inside = x > lon && x < lon + w && y > lat && y < lat + h;
          const onEdge =
            Math.abs(x - lon) < 1e-9 ||
            Math.abs(x - lon - w) < 1e-9 ||
            Math.abs(y - lat) < 1e-9 ||
            Math.abs(y - lat - h) < 1e-9;
          fc.pre(!onEdge);
          assert.equal(areaContains(area, x, y), inside);
        },
      ),
    );
  });

  it('holds the points of a triangle as barycentric coordinates say (property)', () => {
    const tri: AlertArea = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    fc.assert(
      // Off the grid by a fraction, so that no point falls exactly on an edge.
      fc.property(fc.integer({ min: -500, max: 1500 }), fc.integer({ min: -500, max: 1500 }), (i, j) => {
        const [x, y] = [i / 100 + 0.00123, j / 100 + 0.00123];
        assert.equal(areaContains(tri, x, y), x > 0 && y > 0 && x + y < 10);
      }),
    );
  });

  it('leaves out a polygon’s hole, and takes any polygon of a MultiPolygon', () => {
    const outer = bboxArea(0, 0, 10, 10).coordinates[0] ?? [];
    const hole = bboxArea(4, 4, 6, 6).coordinates[0] ?? [];
    const donut: AlertArea = { type: 'Polygon', coordinates: [outer, hole] };
    assert.equal(areaContains(donut, 2, 2), true);
    assert.equal(areaContains(donut, 5, 5), false);
    const two: AlertArea = {
      type: 'MultiPolygon',
      coordinates: [bboxArea(0, 0, 1, 1).coordinates, bboxArea(5, 5, 6, 6).coordinates],
    };
    assert.equal(areaContains(two, 5.5, 5.5), true);
    assert.equal(areaContains(two, 3, 3), false);
  });
});

describe('a subscription filter', () => {
  const liptako = bboxArea(-5.5, 11, 4.5, 17);

  it('matches every alert when empty, and each criterion narrows it (all must hold)', () => {
    const e = event({
      country: 'MLI',
      admin1: 'Mopti',
      latitude: 14.5,
      longitude: -4.2,
      fatalities: { best: 7, low: null, high: null },
    });
    assert.equal(matchesFilter(e, {}), true);
    const yes: AlertFilter[] = [
      { area: liptako },
      { adminUnits: [{ country: 'MLI', admin1: 'MOPTI' }] },
      { adminUnits: [{ country: 'MLI', admin1: null }] },
      {
        eventTypes: [
          e.payload.kind === 'surge' || e.payload.kind === 'import.completed' ? '' : e.payload.eventType,
        ],
      },
      { minFatalities: 7 },
      { kinds: ['incident.created'] },
    ];
    for (const f of yes) assert.equal(matchesFilter(e, f), true, JSON.stringify(f));
    const no: AlertFilter[] = [
      { area: bboxArea(0, 0, 1, 1) },
      { adminUnits: [{ country: 'MLI', admin1: 'Gao' }] },
      { adminUnits: [{ country: 'NER', admin1: null }] },
      { eventTypes: ['Riots'] },
      { minFatalities: 8 },
      { kinds: ['incident.verified'] },
      { area: liptako, minFatalities: 8 },
    ];
    for (const f of no) assert.equal(matchesFilter(e, f), false, JSON.stringify(f));
  });

  it('leaves out an incident without coordinates when an area is asked for', () => {
    assert.equal(matchesFilter(event({ latitude: null, longitude: null }), { area: liptako }), false);
  });

  it('matches actors without their period suffix, accents or case, in either role or as associated actors', () => {
    const e = event({
      actor1: 'Military Forces of Mali (2021-)',
      actor2: 'JNIM: Jamaat Nusrat al-Islam wal-Muslimin',
      assocActor1: 'Wagner Group; Dozo Militia',
    });
    assert.equal(matchesFilter(e, { actors: ['military forces of mali'] }), true);
    assert.equal(matchesFilter(e, { actors: ['JNIM: Jamaat Nusrat al-Islam wal-Muslimin'] }), true);
    assert.equal(matchesFilter(e, { actors: ['Dozo Militia'] }), true);
    assert.equal(matchesFilter(e, { actors: ['Military Forces of Niger'] }), false);
  });

  it('matches an article engaged, by number or by treaty and number', () => {
    const e = event({}, { articles: ['liptako-gourma-charter:6'] });
    assert.equal(matchesFilter(e, { articles: ['6'] }), true);
    assert.equal(matchesFilter(e, { articles: ['liptako-gourma-charter:6'] }), true);
    assert.equal(matchesFilter(e, { articles: ['other-treaty:6'] }), false);
    assert.equal(matchesFilter(e, { articles: ['5'] }), false);
    assert.equal(matchesFilter(event(), { articles: ['6'] }), false);
  });

  it('gives a surge to a subscription on its admin unit and toll, and an import summary only to a broad one', () => {
    const surge: AlertEvent = {
      seq: 2,
      createdAt: '2024-06-01T00:00:00Z',
      kind: 'surge',
      incidentId: null,
      classification: 'PUBLIC',
      ownerParty: null,
      payload: { kind: 'surge', country: 'BFA', admin1: 'Sahel', fatalities30d: 120, threshold: 50 },
    };
    assert.equal(
      matchesFilter(surge, { adminUnits: [{ country: 'BFA', admin1: 'Sahel' }], minFatalities: 100 }),
      true,
    );
    assert.equal(matchesFilter(surge, { adminUnits: [{ country: 'BFA', admin1: 'Est' }] }), false);
    assert.equal(matchesFilter(surge, { minFatalities: 121 }), false);
    const summary: AlertEvent = {
      ...surge,
      kind: 'import.completed',
      payload: {
        kind: 'import.completed',
        source: 'acled',
        file: 'x.csv',
        imported: 10,
        updated: 0,
        skipped: 0,
        rejected: 0,
      },
    };
    assert.equal(matchesFilter(summary, {}), true);
    assert.equal(matchesFilter(summary, { kinds: ['import.completed'] }), true);
    assert.equal(matchesFilter(summary, { area: liptako }), false);
  });

  it('names each problem of a filter', () => {
    const problems = filterProblems({
      eventTypes: ['Wars'],
      subEventTypes: ['Picnic'],
      adminUnits: [{ country: 'mali', admin1: null }],
      minFatalities: -1,
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    });
    assert.deepEqual(problems.map((p) => p.field).sort(), [
      'admin_units',
      'area',
      'event_types',
      'min_fatalities',
      'sub_event_types',
    ]);
  });
});

describe('who may receive an alert', () => {
  it('follows classification: an observer PUBLIC only, a liaison their own party’s NATIONAL, an analyst all', () => {
    const of = (classification: 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL', ownerParty: string | null) => ({
      classification,
      ownerParty,
    });
    assert.equal(mayReceive({ role: 'observer', party: null }, of('PUBLIC', null)), true);
    assert.equal(mayReceive({ role: 'observer', party: null }, of('AES_RESTRICTED', null)), false);
    assert.equal(mayReceive({ role: 'observer', party: null }, of('NATIONAL', 'MLI')), false);
    assert.equal(mayReceive({ role: 'liaison', party: 'MLI' }, of('NATIONAL', 'MLI')), true);
    assert.equal(mayReceive({ role: 'liaison', party: 'MLI' }, of('NATIONAL', 'BFA')), false);
    assert.equal(mayReceive({ role: 'analyst', party: null }, of('NATIONAL', 'BFA')), true);
  });
});
