/**
 * The export serialisers: CSV cells (RFC 4180 quoting, formula neutralisation), the HXL and ACLED
 * lines, GeoJSON features. Property tests: whatever the text, a line written then parsed with
 * csv-parse gives back the cells, and no text cell starts as a formula.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Incident } from '../../src/domain/incident.ts';
import { csvCell, csvLine, isFormulaLike, neutraliseText } from '../../src/ingest/export/csv-cell.ts';
import {
  ACLED_COLUMNS,
  acledHeader,
  acledLine,
  HXL_COLUMNS,
  hxlHeader,
  hxlLine,
} from '../../src/ingest/export/incident-csv.ts';
import { incidentFeature, sixDecimals } from '../../src/ingest/export/incident-feature.ts';
import { incidentInput } from '../support/factories.ts';

function incident(over: Partial<Incident> = {}): Incident {
  const { sourceKey, contentHash: _hash, ...fields } = incidentInput();
  return {
    ...fields,
    id: 7,
    sourceKey,
    revision: 1,
    mergedInto: null,
    charterFacts: {} as Incident['charterFacts'], // the serialisers do not read the Charter facts
    createdAt: '2024-03-16T08:00:00.000Z',
    updatedAt: '2024-03-16T08:00:00.000Z',
    ...over,
  };
}

const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: true }) as string[][];

describe('csv cells', () => {
  it('neutralises text cells that a spreadsheet would evaluate', () => {
    for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\r=x', '=HYPERLINK("http://x")'])
      assert.ok(!isFormulaLike(neutraliseText(formula)), formula);
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('Boni'), 'Boni');
  });

  it('writes numbers as numbers, negative ones included', () => {
    assert.equal(csvCell(-1.87), '-1.87');
    assert.equal(csvCell(0), '0');
    assert.equal(csvCell(null), '');
    assert.throws(() => csvCell(Number.NaN));
  });

  it('quotes commas, quotes and line breaks', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('il a dit "non"'), '"il a dit ""non"""');
    assert.equal(csvCell('l1\nl2'), '"l1\nl2"');
    assert.equal(csvLine(['a', 1, null]), 'a,1,\r\n');
  });

  it('property: a line parsed back gives its cells, and no text cell starts a formula', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true })),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (cells) => {
          const line = csvLine(cells);
          const [row] = parseCsv(line);
          assert.ok(row);
          assert.equal(row.length, cells.length);
          cells.forEach((cell, k) => {
            const back = row[k] ?? '';
            if (typeof cell === 'number') assert.equal(Number(back), cell === 0 ? 0 : cell);
            else {
              assert.ok(!isFormulaLike(back), JSON.stringify(back));
              assert.equal(back, isFormulaLike(cell) ? `'${cell}` : cell);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('HXL and ACLED lines', () => {
  it('has a header row then the HXL hashtags the issue names, in order', () => {
    const [headers, tags] = parseCsv(hxlHeader());
    assert.deepEqual(tags?.slice(0, 11), [
      '#date+occurred',
      '#event+type',
      '#event+type+sub',
      '#group+name+first',
      '#group+name+second',
      '#adm1+name',
      '#loc+name',
      '#geo+lat',
      '#geo+lon',
      '#affected+killed',
      '#description',
    ]);
    assert.equal(headers?.length, HXL_COLUMNS.length);
    assert.ok(tags?.includes('#meta+classification'));
    assert.ok(tags?.every((t) => /^#[a-z0-9_]+(\+[a-z0-9_]+)*$/.test(t)));
  });

  it('writes a row with its classification, negative longitude as a number, notes neutralised', () => {
    const row = parseCsv(
      hxlLine(incident({ notes: '=cmd|" /C calc"!A0', longitude: -1.87, classification: 'AES_RESTRICTED' })),
    )[0];
    const col = (h: string): string | undefined => row?.[HXL_COLUMNS.findIndex((c) => c.header === h)];
    assert.equal(col('longitude'), '-1.87');
    assert.equal(col('notes'), `'=cmd|" /C calc"!A0`);
    assert.equal(col('classification'), 'AES_RESTRICTED');
  });

  it("writes ACLED's 31 columns in ACLED's order, then the classification", () => {
    const [header] = parseCsv(acledHeader());
    assert.deepEqual(header?.slice(0, 5), [
      'event_id_cnty',
      'event_date',
      'year',
      'time_precision',
      'disorder_type',
    ]);
    assert.equal(header?.[30], 'timestamp');
    assert.deepEqual(header?.slice(31), ['classification', 'owner_party']);
    const row = parseCsv(acledLine(incident()))[0];
    assert.equal(row?.length, ACLED_COLUMNS.length);
    assert.equal(row?.[9], 'Rebel groups');
    assert.equal(row?.[2], '2024');
  });
});

describe('GeoJSON features', () => {
  it('puts longitude first, rounds to six decimals, and has no crs', () => {
    const f = incidentFeature(incident({ latitude: 15.123456789, longitude: -1.987654321 }));
    assert.deepEqual(f.geometry, { type: 'Point', coordinates: [-1.987654, 15.123457] });
    assert.equal('crs' in f, false);
    assert.equal(f.properties['classification'], 'PUBLIC');
  });

  it('has a null geometry without coordinates', () => {
    assert.equal(incidentFeature(incident({ latitude: null, longitude: null })).geometry, null);
  });

  it('property: six decimals at most, and never further than half a millionth', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (x) => {
        const r = sixDecimals(x);
        assert.ok(Math.abs(r - x) <= 5e-7 + Number.EPSILON * 180);
        assert.ok((String(r).split('.')[1] ?? '').length <= 6 || String(r).includes('e'));
      }),
    );
  });
});
