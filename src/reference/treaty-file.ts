/**
 * Reads a treaty data file (data/treaties/*.json) into a Treaty, checking every field; a malformed
 * file fails with an error that names the file and the field ("parties[1].memberships[0].from").
 */
import { isIsoDate } from '../domain/incident.ts';
import {
  ACTIVATIONS,
  CLAUSE_RULES,
  WORDINGS,
  type ClauseText,
  type DecisionRule,
  type DenunciationNotice,
  type Treaty,
  type TreatyClause,
  type TreatyParty,
} from '../domain/treaty.ts';

export class TreatyFileError extends Error {
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, problem: string) {
    super(`${file}: ${field === '' ? '' : `${field}: `}${problem}`);
    this.file = file;
    this.field = field;
  }
}

type Json = unknown;

/** Walks a parsed JSON value, reporting the path of the field that is wrong. */
class Reader {
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }
  fail(path: string, problem: string): never {
    throw new TreatyFileError(this.#file, path, problem);
  }
  object(value: Json, path: string): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(path, 'expected an object');
    return value as Record<string, Json>; // a non-array object, checked above
  }
  array(value: Json, path: string): readonly Json[] {
    if (!Array.isArray(value)) this.fail(path, 'expected an array');
    return value;
  }
  string(value: Json, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, 'expected a non-empty string');
    return value;
  }
  boolean(value: Json, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'expected true or false');
    return value;
  }
  positiveInteger(value: Json, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
      this.fail(path, 'expected a whole number above 0');
    return value;
  }
  date(value: Json, path: string): string {
    const s = this.string(value, path);
    if (!isIsoDate(s)) this.fail(path, `"${s}" is not a date (YYYY-MM-DD)`);
    return s;
  }
  dateOrNull(value: Json, path: string): string | null {
    return value === null ? null : this.date(value, path);
  }
  iso3(value: Json, path: string): string {
    const s = this.string(value, path);
    if (!/^[A-Z]{3}$/.test(s)) this.fail(path, `"${s}" is not an ISO 3166-1 alpha-3 code`);
    return s;
  }
  oneOf<T extends string>(value: Json, allowed: readonly T[], path: string): T {
    const s = this.string(value, path);
    if (!(allowed as readonly string[]).includes(s))
      this.fail(path, `"${s}" is not one of: ${allowed.join(', ')}`);
    return s as T; // in the list, checked above
  }
  bilingual(value: Json, path: string): { fr: string; en: string } {
    const o = this.object(value, path);
    return { fr: this.string(o.fr, `${path}.fr`), en: this.string(o.en, `${path}.en`) };
  }
}

function clauseText(r: Reader, value: Json, path: string): ClauseText | null {
  if (value === null) return null;
  const o = r.object(value, path);
  return {
    text: r.string(o.text, `${path}.text`),
    wording: r.oneOf(o.wording, WORDINGS, `${path}.wording`),
    source: r.string(o.source, `${path}.source`),
  };
}

function decisionRule(r: Reader, value: Json, path: string): DecisionRule {
  const o = r.object(value, path);
  const kind = r.oneOf(o.kind, ['unanimity', 'qualified-majority'] as const, `${path}.kind`);
  if (o.abstentionIsAssent !== false)
    r.fail(`${path}.abstentionIsAssent`, 'must be false: an abstention is never assent');
  if (kind === 'unanimity') return { kind, abstentionIsAssent: false };
  const numerator = r.positiveInteger(o.numerator, `${path}.numerator`);
  const denominator = r.positiveInteger(o.denominator, `${path}.denominator`);
  if (numerator > denominator) r.fail(`${path}.numerator`, 'must not exceed the denominator');
  return { kind, numerator, denominator, abstentionIsAssent: false };
}

function party(r: Reader, value: Json, path: string, inForceFrom: string): TreatyParty {
  const o = r.object(value, path);
  const iso3 = r.iso3(o.iso3, `${path}.iso3`);
  const iso2 = r.string(o.iso2, `${path}.iso2`);
  if (!/^[A-Z]{2}$/.test(iso2)) r.fail(`${path}.iso2`, `"${iso2}" is not an ISO 3166-1 alpha-2 code`);
  const memberships = r.array(o.memberships, `${path}.memberships`).map((m, i) => {
    const p = `${path}.memberships[${i}]`;
    const mo = r.object(m, p);
    const from = r.date(mo.from, `${p}.from`);
    const to = r.dateOrNull(mo.to, `${p}.to`);
    if (from < inForceFrom) r.fail(`${p}.from`, `${from} is before the treaty was in force (${inForceFrom})`);
    if (to !== null && to < from) r.fail(`${p}.to`, `${to} is before ${from}`);
    return { from, to };
  });
  if (memberships.length === 0) r.fail(`${path}.memberships`, 'a party needs at least one membership period');
  const denunciations: DenunciationNotice[] = r
    .array(o.denunciations ?? [], `${path}.denunciations`)
    .map((d, i) => {
      const p = `${path}.denunciations[${i}]`;
      const dobj = r.object(d, p);
      return {
        notifiedOn: r.date(dobj.notifiedOn, `${p}.notifiedOn`),
        source: r.string(dobj.source, `${p}.source`),
      };
    });
  return { iso3, iso2, name: r.bilingual(o.name, `${path}.name`), memberships, denunciations };
}

function clause(r: Reader, value: Json, path: string): TreatyClause {
  const o = r.object(value, path);
  const text = r.object(o.text, `${path}.text`);
  const rule = o.rule === null ? null : r.oneOf(o.rule, CLAUSE_RULES, `${path}.rule`);
  const activation = o.activation === null ? null : r.oneOf(o.activation, ACTIVATIONS, `${path}.activation`);
  if (rule !== null && activation === null)
    r.fail(`${path}.activation`, 'a clause with a rule needs an activation (automatic or decision)');
  const eff = r.object(o.effective, `${path}.effective`);
  const fr = clauseText(r, text.fr ?? null, `${path}.text.fr`);
  const en = clauseText(r, text.en ?? null, `${path}.text.en`);
  if (fr === null && en === null) r.fail(`${path}.text`, 'a clause needs a text in at least one language');
  return {
    id: r.string(o.id, `${path}.id`),
    title: r.bilingual(o.title, `${path}.title`),
    text: { fr, en },
    rule,
    activation,
    effective: {
      from: r.date(eff.from, `${path}.effective.from`),
      to: r.dateOrNull(eff.to, `${path}.effective.to`),
    },
  };
}

/** A Treaty from the parsed JSON of `file` (named in errors). */
export function parseTreaty(value: Json, file: string): Treaty {
  const r = new Reader(file);
  const o = r.object(value, '');
  const id = r.string(o.id, 'id');
  if (!/^[a-z0-9-]+$/.test(id)) r.fail('id', `"${id}" must be lower-case letters, digits and hyphens`);
  const inForceFrom = r.date(o.inForceFrom, 'inForceFrom');
  const signedOn = r.date(o.signedOn, 'signedOn');
  const parties = r.array(o.parties, 'parties').map((p, i) => party(r, p, `parties[${i}]`, inForceFrom));
  if (parties.length < 2) r.fail('parties', 'a treaty needs at least two parties');
  const clauses = r.array(o.clauses, 'clauses').map((c, i) => clause(r, c, `clauses[${i}]`));
  const seen = new Set<string>();
  clauses.forEach((c, i) => {
    if (seen.has(c.id)) r.fail(`clauses[${i}].id`, `duplicate clause id "${c.id}"`);
    seen.add(c.id);
  });
  parties.forEach((p, i) => {
    if (parties.findIndex((q) => q.iso3 === p.iso3) !== i)
      r.fail(`parties[${i}].iso3`, `duplicate party ${p.iso3}`);
  });
  return {
    id,
    version: r.string(o.version, 'version'),
    title: r.bilingual(o.title, 'title'),
    illustrative: r.boolean(o.illustrative, 'illustrative'),
    signedOn,
    inForceFrom,
    depositary: r.iso3(o.depositary, 'depositary'),
    decisionRule: decisionRule(r, o.decisionRule, 'decisionRule'),
    denunciationNoticeMonths: r.positiveInteger(o.denunciationNoticeMonths, 'denunciationNoticeMonths'),
    parties,
    clauses,
    notes: r.array(o.notes ?? [], 'notes').map((n, i) => r.string(n, `notes[${i}]`)),
  };
}
