import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { addMonths, membershipOn } from '../../src/domain/treaty.ts';
import { readTreaties, TREATIES_DIR } from '../../src/reference/treaties.ts';
import { parseTreaty, TreatyFileError } from '../../src/reference/treaty-file.ts';
import { CHARTER, withNotice } from './charter-fixtures.ts';

const raw = (): Record<string, unknown> => JSON.parse(JSON.stringify(CHARTER)) as Record<string, unknown>;

describe('treaty files', () => {
  it('ship the Charter with its parties, rule, notice, depositary and clauses 4 to 8', () => {
    const treaties = readTreaties(TREATIES_DIR);
    assert.deepEqual(treaties.map((t) => t.id).sort(), [
      'example-mutual-defence-protocol',
      'liptako-gourma-charter',
    ]);
    assert.deepEqual(
      CHARTER.parties.map((p) => `${p.iso3} ${p.memberships[0]?.from}`),
      ['MLI 2023-09-16', 'BFA 2023-09-16', 'NER 2023-09-16'],
    );
    assert.deepEqual(CHARTER.decisionRule, { kind: 'unanimity', abstentionIsAssent: false });
    assert.equal(CHARTER.denunciationNoticeMonths, 6);
    assert.equal(CHARTER.depositary, 'MLI');
    assert.equal(CHARTER.inForceFrom, '2023-09-16');
    assert.deepEqual(
      CHARTER.clauses.filter((c) => c.rule !== null).map((c) => c.id),
      ['4', '5', '6', '7', '8'],
    );
  });

  it("mark the Charter's French Art. 7 as a paraphrase and its English Art. 8 as unofficial", () => {
    const clause = (id: string) => CHARTER.clauses.find((c) => c.id === id);
    assert.equal(clause('7')?.text.fr?.wording, 'paraphrase');
    assert.equal(clause('8')?.text.en?.wording, 'unofficial-translation');
    assert.ok(CHARTER.clauses.every((c) => (c.text.fr?.source ?? c.text.en?.source ?? '') !== ''));
  });

  it('label the second treaty as illustrative, with a two-thirds rule', () => {
    const [protocol] = readTreaties(TREATIES_DIR).filter((t) => t.illustrative);
    assert.equal(protocol?.id, 'example-mutual-defence-protocol');
    assert.equal(protocol?.decisionRule.kind, 'qualified-majority');
  });

  it('refuse a malformed field, naming the file and the field', () => {
    const bad = raw();
    const parties = bad.parties as Record<string, unknown>[];
    (parties[1]?.memberships as Record<string, unknown>[])[0] = { from: '2023-13-01', to: null };
    assert.throws(
      () => parseTreaty(bad, 'data/treaties/x.json'),
      (err: unknown) =>
        err instanceof TreatyFileError &&
        err.message ===
          'data/treaties/x.json: parties[1].memberships[0].from: "2023-13-01" is not a date (YYYY-MM-DD)',
    );
  });

  it('refuse an abstention counted as assent and an unknown rule', () => {
    assert.throws(
      () => parseTreaty({ ...raw(), decisionRule: { kind: 'unanimity', abstentionIsAssent: true } }, 'f'),
      /decisionRule.abstentionIsAssent/,
    );
    const clauses = raw().clauses as Record<string, unknown>[];
    clauses[4] = { ...clauses[4], rule: 'pre-emptive-strike' };
    assert.throws(
      () => parseTreaty({ ...raw(), clauses }, 'f'),
      /clauses\[4\]\.rule: "pre-emptive-strike" is not one of/,
    );
  });

  it('refuse a file whose id does not match its name, and one that is not JSON', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liptako-treaties-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, 'other.json'), JSON.stringify(raw()));
    assert.throws(
      () => readTreaties(dir),
      /other\.json: id: "liptako-gourma-charter" does not match the file name/,
    );
    await writeFile(path.join(dir, 'other.json'), '{ nope');
    assert.throws(() => readTreaties(dir), /other\.json: not valid JSON/);
  });
});

describe('membership dates', () => {
  it('adds months keeping the last day of shorter months', () => {
    assert.equal(addMonths('2025-01-10', 6), '2025-07-10');
    assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
    assert.equal(addMonths('2025-11-30', 3), '2026-02-28');
  });

  it('ends membership the day before the notice has run six months', () => {
    const treaty = withNotice(CHARTER, 'NER', '2025-01-10');
    const niger = treaty.parties.find((p) => p.iso3 === 'NER');
    assert.ok(niger);
    assert.deepEqual(membershipOn(treaty, niger, '2025-01-09'), { member: true, notice: null });
    assert.deepEqual(membershipOn(treaty, niger, '2025-07-09'), {
      member: true,
      notice: { notifiedOn: '2025-01-10', lastDay: '2025-07-09' },
    });
    assert.equal(membershipOn(treaty, niger, '2025-07-10').member, false);
  });
});
