import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { CsvItem } from '../../src/ingest/csv/csv-item.ts';
import { CsvParser } from '../../src/ingest/csv/csv-parser.ts';

function parseAll(text: string, chunkSizes: readonly number[] = [], options = {}): CsvItem[] {
  const parser = new CsvParser(options);
  const items: CsvItem[] = [];
  let pos = 0;
  for (const size of chunkSizes) {
    items.push(...parser.push(text.slice(pos, pos + size)));
    pos += size;
  }
  items.push(...parser.end(text.slice(pos)));
  return items;
}

/** Rows as [kind, row, line, values or reason], for compact expectations. */
function summary(items: readonly CsvItem[]): unknown[] {
  return items.map((i) =>
    i.kind === 'header'
      ? ['header', i.row, i.line, i.names]
      : i.kind === 'record'
        ? ['record', i.row, i.line, i.values]
        : ['malformed', i.row, i.line, i.reason],
  );
}

/** A small deterministic PRNG (mulberry32), so that a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CELLS = [
  '',
  'Djibo',
  'Ménaka, Tillabéri',
  'a "quoted" word',
  'two\nlines',
  'crlf\r\ninside',
  ' spaced ',
  '12.5',
  '"',
  ',',
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

describe('CsvParser', () => {
  it('numbers rows as a spreadsheet does and lines as the file has them', () => {
    const text = 'a,b,c\r\n1,"x,y",3\r\n\r\n2,"multi\nline ""q""",4\n5,6,7';
    assert.deepEqual(summary(parseAll(text)), [
      ['header', 1, 1, ['a', 'b', 'c']],
      ['record', 2, 2, ['1', 'x,y', '3']],
      ['record', 4, 4, ['2', 'multi\nline "q"', '4']],
      ['record', 5, 6, ['5', '6', '7']],
    ]);
  });

  it('gives each record its cells keyed by normalised column name', () => {
    const [, record] = parseAll(' Event Date ,SUB-EVENT TYPE\n2024-03-05,Attack\n');
    assert.equal(record?.kind, 'record');
    assert.deepEqual(record.kind === 'record' ? record.fields : null, {
      event_date: '2024-03-05',
      sub_event_type: 'Attack',
    });
  });

  it('skips blank lines and rows of empty cells, counting them as rows', () => {
    assert.deepEqual(summary(parseAll('a,b\n\n,\n1,2\n \n')), [
      ['header', 1, 1, ['a', 'b']],
      ['record', 4, 4, ['1', '2']],
    ]);
  });

  it('strips a byte-order mark at the start of the text', () => {
    assert.deepEqual(summary(parseAll('\uFEFFa,b\n1,2\n')).slice(0, 1), [['header', 1, 1, ['a', 'b']]]);
  });

  it('keeps a quote inside an unquoted cell as written', () => {
    assert.deepEqual(summary(parseAll('a,b\n12" pipe,2\n'))[1], ['record', 2, 2, ['12" pipe', '2']]);
  });

  it('rejects a row with the wrong number of columns and goes on', () => {
    assert.deepEqual(summary(parseAll('a,b,c\n1,2\n1,2,3,4\n5,6,7\n')), [
      ['header', 1, 1, ['a', 'b', 'c']],
      ['malformed', 2, 2, 'expected 3 columns, found 2'],
      ['malformed', 3, 3, 'expected 3 columns, found 4'],
      ['record', 4, 4, ['5', '6', '7']],
    ]);
  });

  it('rejects only the line of an unclosed quote and resumes on the next line', () => {
    const text = 'id,notes,n\n1,"never closed,1\n2,plain,2\n3,"quoted",3\n';
    const items = parseAll(text);
    assert.deepEqual(summary(items), [
      ['header', 1, 1, ['id', 'notes', 'n']],
      ['malformed', 2, 2, 'unclosed quote in column 2 (notes)'],
      ['record', 3, 3, ['2', 'plain', '2']],
      ['record', 4, 4, ['3', 'quoted', '3']],
    ]);
    assert.deepEqual(items[1]?.kind === 'malformed' ? items[1].values : null, ['1', 'never closed,1']);
  });

  it('rejects an unclosed quote that runs to the end of the file, keeping the rows after it', () => {
    assert.deepEqual(summary(parseAll('id,notes\n1,"open\n2,b\n3,c\n')), [
      ['header', 1, 1, ['id', 'notes']],
      ['malformed', 2, 2, 'unclosed quote in column 2 (notes)'],
      ['record', 3, 3, ['2', 'b']],
      ['record', 4, 4, ['3', 'c']],
    ]);
  });

  it('treats a quoted cell that spans lines into the wrong column count as an unclosed quote', () => {
    // The open quote on row 2 closes at the quote that opens row 3's cell: read so, two rows make one.
    const text = 'id,notes,n\n1,"open,1\n2,",x",2\n3,c,3\n';
    assert.deepEqual(summary(parseAll(text)), [
      ['header', 1, 1, ['id', 'notes', 'n']],
      [
        'malformed',
        2,
        2,
        'unclosed quote in column 2 (notes): read as a quoted cell it runs to line 3 and leaves 4 columns instead of 3',
      ],
      ['record', 3, 3, ['2', ',x', '2']],
      ['record', 4, 4, ['3', 'c', '3']],
    ]);
  });

  it('rejects characters after a closing quote on the same line', () => {
    assert.deepEqual(summary(parseAll('a,b\n"x"y,2\n3,4\n')).slice(1), [
      ['malformed', 2, 2, 'unexpected character after closing quote in column 1 (a)'],
      ['record', 3, 3, ['3', '4']],
    ]);
  });

  it('bounds a runaway quoted cell by maxRowChars and resumes after its first line', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},row ${i}`).join('\n');
    const items = parseAll(
      `id,notes\n0,"open\n${rows}\n`,
      [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20],
      {
        maxRowChars: 100,
      },
    );
    assert.deepEqual(summary(items).slice(0, 3), [
      ['header', 1, 1, ['id', 'notes']],
      ['malformed', 2, 2, 'row longer than 100 characters (unclosed quote?)'],
      ['record', 3, 3, ['0', 'row 0']],
    ]);
    assert.equal(items.filter((i) => i.kind === 'record').length, 50);
  });

  it('rejects a single line longer than maxRowChars and reads the next one', () => {
    const long = `1,${'x'.repeat(500)}`;
    const items = parseAll(
      `a,b\n${long}\n2,y\n`,
      [30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
      {
        maxRowChars: 100,
      },
    );
    assert.deepEqual(summary(items), [
      ['header', 1, 1, ['a', 'b']],
      ['malformed', 2, 2, 'line longer than 100 characters'],
      ['record', 3, 3, ['2', 'y']],
    ]);
  });

  it('renames repeated and "__proto__" column names instead of losing them', () => {
    const [header, record] = parseAll('notes,Notes,__proto__\n1,2,3\n');
    assert.deepEqual(header?.kind === 'header' ? header.names : null, ['notes', 'notes_2', '__proto___2']);
    assert.deepEqual(record?.kind === 'record' ? { ...record.fields } : null, {
      notes: '1',
      notes_2: '2',
      __proto___2: '3',
    });
    assert.equal(Object.getPrototypeOf(record?.kind === 'record' ? record.fields : null), Object.prototype);
  });

  it('gives the same items however the text is cut into chunks', () => {
    const text = 'id,notes,n\r\n1,"a, ""b""\r\nc",2\r\n\r\n2,"open,1\r\n3,plain,3\r\n4,x,4,extra\r\n5,"end"';
    const whole = summary(parseAll(text));
    for (let size = 1; size <= 12; size++) {
      const cuts = Array.from({ length: Math.ceil(text.length / size) }, () => size);
      assert.deepEqual(summary(parseAll(text, cuts)), whole, `chunks of ${size}`);
    }
  });

  it('reads random well-formed CSV exactly as csv-parse does, in any chunking', () => {
    const next = random(20240305);
    for (let round = 0; round < 200; round++) {
      const columns = 1 + Math.floor(next() * 5);
      const lineEnd = next() < 0.5 ? '\n' : '\r\n';
      const rows: string[][] = [Array.from({ length: columns }, (_, i) => `c${i}`)];
      for (let r = Math.floor(next() * 8); r > 0; r--) {
        const row = Array.from({ length: columns }, () => CELLS[Math.floor(next() * CELLS.length)] ?? '');
        row[0] = `r${r}`; // never an all-blank row, which csv-parse keeps and this parser skips
        rows.push(row);
      }
      const text = rows.map((r) => r.map(csvCell).join(',')).join(lineEnd) + (next() < 0.5 ? lineEnd : '');
      const expected: string[][] = parse(text, { relax_column_count: false });
      const cuts = Array.from({ length: 20 }, () => 1 + Math.floor(next() * 9));
      const items = parseAll(text, cuts);
      const got = items.map((i) =>
        i.kind === 'header' ? [...i.labels] : i.kind === 'record' ? [...i.values] : null,
      );
      assert.deepEqual(got, expected, JSON.stringify(text));
    }
  });
});
