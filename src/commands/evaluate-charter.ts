/**
 * Evaluate one incident (parsed JSON, as the extractor writes it) against one treaty: validate it,
 * read its actors from the registry, and run the pure engine on the incident's date or `asOf`.
 * Shared by the CLI now and the API later; no database is needed.
 */
import { evaluate } from '../domain/charter/evaluate.ts';
import { incidentFacts, type ActorLookup } from '../domain/charter/incident-facts.ts';
import { readIncidentInput } from '../domain/charter/incident-input.ts';
import type { Proposal } from '../domain/charter/proposal.ts';
import type { FieldProblem } from '../domain/incident.ts';
import type { Treaty } from '../domain/treaty.ts';

export type CharterEvaluation =
  | { readonly ok: true; readonly asOf: string; readonly proposals: readonly Proposal[] }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * The proposals of `treaty` for an incident. `asOf` (YYYY-MM-DD) defaults to the incident's
 * event_date: membership is read on the day it happened. Malformed fields are problems; missing
 * ones only lower confidence — except that without event_date and asOf no day is known.
 */
export function evaluateCharter(
  incident: unknown,
  treaty: Treaty,
  asOf: string | null,
  lookup: ActorLookup,
): CharterEvaluation {
  const read = readIncidentInput(incident);
  if (!read.ok) return { ok: false, problems: read.problems };
  const day = asOf ?? read.input.event_date;
  if (day === null)
    return {
      ok: false,
      problems: [
        { field: 'event_date', message: 'is needed to know who was a party that day (or give --as-of)' },
      ],
    };
  return { ok: true, asOf: day, proposals: evaluate(incidentFacts(read.input, lookup), treaty, day) };
}
