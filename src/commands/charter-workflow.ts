/**
 * The Charter workflow's use cases on the store: evaluate an incident into proposal records, review a
 * proposal (confirming Art. 6/7 opens the decision), vote (adoption opens the duty-of-assistance
 * case) and advance an obligation. Every rule is the pure workflow's (src/domain/charter/workflow);
 * a command only loads, calls and saves — in one transaction, with the versions it read, so that of
 * two concurrent changes one wins and the other is told it lost ('conflict').
 */
import { isDeepStrictEqual } from 'node:util';
import { evaluate } from '../domain/charter/evaluate.ts';
import { incidentFacts } from '../domain/charter/incident-facts.ts';
import type { IncidentInput as CharterIncidentInput } from '../domain/charter/incident-input.ts';
import {
  advanceObligation as advance,
  extendAssistanceCase,
  openAssistanceCase,
  type AssistanceCase,
  type ObligationState,
} from '../domain/charter/workflow/assistance-case.ts';
import type { Consultation } from '../domain/charter/workflow/consultation.ts';
import type { VoteChoice } from '../domain/charter/workflow/decision-tally.ts';
import {
  castVote as cast,
  openActivationDecision,
  type Decision,
} from '../domain/charter/workflow/decision.ts';
import {
  currentVersion,
  openProposalRecord,
  reviseProposal,
  reviewProposal as review,
  type ProposalRecord,
  type ReviewVerdict,
} from '../domain/charter/workflow/proposal-record.ts';
import type { RebellionCase } from '../domain/charter/workflow/rebellion-case.ts';
import type { WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import type { Visibility } from '../domain/classification.ts';
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { Incident } from '../domain/incident.ts';
import { incidentAlert } from '../domain/alerts/alert-event.ts';
import type { Treaty } from '../domain/treaty.ts';
import type { CharterWrite, Stored, StoredProposal } from '../store/store.ts';
import {
  charterConflict,
  charterFail,
  currentTreaties,
  sharedWithParties,
  SYSTEM_VISIBILITY,
  type CharterDeps,
  type CharterResult,
} from './charter-deps.ts';
import { consultationIdFor, planConsultation } from './charter-consultation.ts';
import { planRebellionCase } from './charter-rebellion.ts';

export {
  charterConflict,
  charterFail,
  SYSTEM_VISIBILITY,
  type CharterDeps,
  type CharterErrorCode,
  type CharterResult,
} from './charter-deps.ts';

const fail = charterFail;
const conflict = charterConflict;

/** The treaties read and their versions, as an evaluation records them: "id@version,…". */
export function charterTreatiesKey(treaties: readonly Treaty[]): string {
  return treaties.map((t) => `${t.id}@${t.version}`).join(',');
}

/** The engine's view of a stored incident: its coding and the facts an analyst added. */
export function charterInput(incident: Incident): CharterIncidentInput {
  const f = incident.charterFacts;
  return {
    event_date: incident.eventDate,
    country_iso3: incident.country,
    admin1: incident.admin1,
    location: incident.location,
    latitude: incident.latitude,
    longitude: incident.longitude,
    event_type: incident.eventType,
    sub_event_type: incident.subEventType,
    actor1: incident.actor1,
    actor2: incident.actor2,
    fatalities: incident.fatalities.best,
    target: f.target,
    launched_from: f.launchedFrom,
    territory_seized: f.territorySeized,
    actor1_type: f.actor1Type,
    actor2_type: f.actor2Type,
    actor1_state: f.actor1State,
    actor2_state: f.actor2State,
  };
}

/** The writes of one evaluation: new records, new versions of changed ones, and the evaluation's mark. */
function evaluationWrites(
  deps: CharterDeps,
  treaties: readonly Treaty[],
  incident: Incident,
  existing: readonly StoredProposal[],
  input: { readonly at: string; readonly cause: string },
): CharterResult<CharterWrite[]> {
  const facts = incidentFacts(charterInput(incident), deps.lookup);
  const writes: CharterWrite[] = [];
  for (const treaty of treaties)
    for (const proposal of evaluate(facts, treaty, incident.eventDate)) {
      const stored = existing.find(
        (p) => p.value.treaty === proposal.treaty && p.value.article === proposal.article,
      );
      const made = { proposal, at: input.at, cause: input.cause, treatyVersion: treaty.version };
      if (stored === undefined) {
        const record = openProposalRecord({ incidentId: String(incident.id), ...made });
        writes.push({ kind: 'proposal', record, expectedVersion: null, at: input.at });
        continue;
      }
      // Same facts read against the same treaty give the same proposal: nothing to add.
      if (isDeepStrictEqual(currentVersion(stored.value).proposal, proposal)) continue;
      const revised = reviseProposal(stored.value, made);
      if (!revised.ok) return revised;
      writes.push({ kind: 'proposal', record: revised.value, expectedVersion: stored.version, at: input.at });
    }
  writes.push({
    kind: 'evaluation',
    incidentId: incident.id,
    incidentRevision: incident.revision,
    treaties: charterTreatiesKey(treaties),
    at: input.at,
  });
  return { ok: true, value: writes };
}

/**
 * Evaluates a verified incident against every treaty on its date and stores one proposal record per
 * treaty × article: a new record, or a new version when the engine's proposal changed (the previous
 * one superseded with `cause`, whatever its review). Unchanged proposals are left alone, so running it
 * again on the same facts and treaty versions adds nothing. When a concurrent evaluation of the same
 * incident wins the race, it reads again and retries once (the retry usually finds nothing to add).
 */
export async function evaluateIncident(
  deps: CharterDeps,
  input: {
    readonly incidentId: number;
    readonly visibility: Visibility;
    readonly at: string;
    readonly cause: string;
    /** Who, for the audit log. */
    readonly by: AuditActor;
  },
): Promise<CharterResult<StoredProposal[]>> {
  const { store } = deps;
  for (let attempt = 1; ; attempt++) {
    const incident = await store.getIncident(input.incidentId, input.visibility);
    if (incident === null) return fail('unknown', `incident ${input.incidentId} not found`);
    if (incident.status !== 'verified')
      return fail(
        'invalid-input',
        `incident ${incident.id} is ${incident.status}; only verified incidents are evaluated`,
      );
    const existing = await store.listCharterProposals(incident.id, input.visibility);
    const treaties = await currentTreaties(deps);
    const writes = evaluationWrites(deps, treaties, incident, existing, input);
    if (!writes.ok) return writes;
    const by = { actor: input.by, at: input.at };
    // The proposals and the alert of articles newly engaged commit together.
    const written = await store.atomically(async (tx) => {
      if (!(await tx.writeCharter(writes.value, by))) return null;
      const proposals = await tx.listCharterProposals(incident.id, input.visibility);
      const before = new Set(engagedArticles(existing));
      const now = engagedArticles(proposals);
      if (now.some((a) => !before.has(a)))
        await tx.publishAlerts(
          [incidentAlert('incident.charter', incident, { articles: now, reason: input.cause })],
          by,
        );
      return proposals;
    });
    if (written !== null) return { ok: true, value: written };
    if (attempt === 2) return conflict(`the proposals of incident ${incident.id}`);
  }
}

/** "treaty:article" of each proposal whose current version finds the article engaged. */
function engagedArticles(proposals: readonly StoredProposal[]): string[] {
  return proposals
    .filter((p) => currentVersion(p.value).proposal.status !== 'not_engaged')
    .map((p) => `${p.value.treaty}:${p.value.article}`)
    .sort();
}

/** The id of the decision a confirmed proposal version opens: one per version, so a retry cannot open two. */
const decisionIdFor = (proposalId: number, version: number): string => `p${proposalId}-v${version}`;

function opensDecision(treaty: Treaty, record: ProposalRecord): boolean {
  const clause = treaty.clauses.find((c) => c.id === record.article);
  return (
    clause !== undefined &&
    clause.activation === 'decision' &&
    (clause.rule === 'collective-defence' || clause.rule === 'extended-aggression') &&
    currentVersion(record).proposal.status !== 'not_engaged'
  );
}

/**
 * A reviewer confirms or rejects the proposal version they read, with a reason. Confirming a proposed
 * Art. 6 or 7 opens the decision on activation (voters: the members on the incident's date; the
 * party attacked: the incident's country); confirming Art. 5 opens the rebellion case of the party
 * attacked or adds the incident to it; confirming Art. 8 opens a consultation between the parties
 * concerned. What it opens is written with the review in one transaction.
 */
export async function reviewProposal(
  deps: CharterDeps,
  input: {
    readonly proposalId: number;
    readonly version: number;
    readonly verdict: ReviewVerdict;
    readonly reason: string;
    /** The deadline of the decision a confirmation opens, if any (closed by the Charter tick). */
    readonly decisionDeadline?: string | null;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<
  CharterResult<{
    readonly proposal: StoredProposal;
    readonly decision: Decision | null;
    readonly rebellionCase: RebellionCase | null;
    readonly consultation: Consultation | null;
  }>
> {
  const { store } = deps;
  const stored = await store.getCharterProposal(input.proposalId, input.visibility);
  if (stored === null) return fail('unknown', `proposal ${input.proposalId} not found`);
  const reviewed = review(stored.value, {
    version: input.version,
    verdict: input.verdict,
    reason: input.reason,
    reviewer: input.actor,
    at: input.at,
  });
  if (!reviewed.ok) return reviewed;
  const record = reviewed.value;
  const writes: CharterWrite[] = [
    { kind: 'proposal', record, expectedVersion: stored.version, at: input.at },
  ];
  let decision: Decision | null = null;
  let rebellionCase: RebellionCase | null = null;
  let consultation: Consultation | null = null;
  const treaty = (await currentTreaties(deps)).find((t) => t.id === record.treaty);
  const proposal = currentVersion(record).proposal;
  const rule = treaty?.clauses.find((c) => c.id === record.article)?.rule ?? null;
  const confirmed = input.verdict === 'confirm' && treaty !== undefined && proposal.status !== 'not_engaged';
  const incident =
    confirmed && rule !== null ? await store.getIncident(Number(record.incidentId), input.visibility) : null;
  if (confirmed && rule !== null && incident === null)
    return fail('unknown', `incident ${record.incidentId} not found`);
  if (confirmed && incident !== null && rule === 'rebellion') {
    // Art. 5: the rebellion case of the party attacked is opened, or the incident added to it.
    const plan = await planRebellionCase(deps, {
      incident,
      treaty,
      note: `Art. ${record.article} confirmed: ${input.reason}`,
      actor: input.actor,
      at: input.at,
    });
    if (!plan.ok) return plan;
    rebellionCase = plan.value.rebellionCase.value;
    if (plan.value.write !== null) writes.push(plan.value.write);
  }
  if (confirmed && incident !== null && rule === 'non-aggression') {
    // Art. 8: a consultation between the parties concerned (the proposal's obligations name them),
    // unless this incident opened one already.
    const existing = await store.getConsultation(
      consultationIdFor(treaty.id, incident.id),
      SYSTEM_VISIBILITY,
    );
    const concerned = [...new Set(proposal.obligations.map((o) => o.party))];
    if (existing === null && concerned.length >= 2) {
      const opened = planConsultation({
        incident,
        treaty,
        concerned,
        subject: `Art. ${record.article} compliance concern on incident ${incident.id}: ${input.reason}`,
        actor: input.actor,
        at: input.at,
      });
      if (!opened.ok) return opened;
      consultation = opened.value;
      writes.push({ kind: 'consultation', consultation, expectedVersion: null });
    }
  }
  if (confirmed && incident !== null && opensDecision(treaty, record)) {
    const shared = sharedWithParties(incident);
    if (!shared.ok) return shared;
    const opened = openActivationDecision(record, {
      id: decisionIdFor(stored.id, input.version),
      treaty,
      incidentDate: incident.eventDate,
      victim: incident.country,
      opener: input.actor,
      at: input.at,
      deadline: input.decisionDeadline ?? null,
    });
    if (!opened.ok) return opened;
    decision = opened.value;
    writes.push({ kind: 'decision', decision, expectedVersion: null });
  }
  if (!(await store.writeCharter(writes, { actor: input.by, at: input.at })))
    return conflict(`proposal ${input.proposalId}`);
  return {
    ok: true,
    value: {
      proposal: { id: stored.id, version: stored.version + 1, value: record },
      decision,
      rebellionCase,
      consultation,
    },
  };
}

/** The id of the case an adopted decision opens: one per decision. */
const caseIdFor = (decisionId: string): string => `case-${decisionId}`;

/**
 * The signed-in user votes for their own party (role and party come from the session, never the
 * request): the workflow refuses anyone but that party's decision-maker. A later ballot replaces the
 * earlier one while the decision is open. A ballot that adopts an activation opens the
 * duty-of-assistance case in the same transaction; one that adopts an assistance extension adds its
 * obligations to the case (returned as `assistanceCase`). Use of force and accession are then
 * recorded by a person: the step on the rebellion case, the membership event.
 */
export async function castVote(
  deps: CharterDeps,
  input: {
    readonly decisionId: string;
    readonly choice: VoteChoice;
    readonly actor: WorkflowActor;
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<{ readonly decision: Decision; readonly assistanceCase: AssistanceCase | null }>> {
  const { store } = deps;
  const stored = await store.getCharterDecision(input.decisionId, input.visibility);
  if (stored === null) return fail('unknown', `decision ${input.decisionId} not found`);
  if (input.actor.party === null)
    return fail('not-representative', `a ${input.actor.role} with no party is no party's representative`);
  const voted = cast(stored.value, {
    party: input.actor.party,
    choice: input.choice,
    voter: input.actor,
    at: input.at,
  });
  if (!voted.ok) return voted;
  const decision = voted.value;
  const writes: CharterWrite[] = [{ kind: 'decision', decision, expectedVersion: stored.version }];
  let assistanceCase: AssistanceCase | null = null;
  const subject = decision.subject;
  if (decision.state === 'adopted' && subject.kind !== 'use-of-force' && subject.kind !== 'accession') {
    const treaty = (await currentTreaties(deps)).find((t) => t.id === decision.treaty);
    if (treaty === undefined)
      throw new Error(`decision ${decision.id} names unknown treaty ${decision.treaty}`);
    if (subject.kind === 'activation') {
      const opened = openAssistanceCase({ id: caseIdFor(decision.id), decision, treaty, at: input.at });
      if (!opened.ok) return opened;
      assistanceCase = opened.value;
      writes.push({ kind: 'case', assistanceCase, expectedVersion: null });
    } else {
      // An adopted extension adds its parties' obligations to the case in the same transaction.
      const stored = await store.getAssistanceCase(subject.assistanceCaseId, SYSTEM_VISIBILITY);
      if (stored === null) return fail('unknown', `case ${subject.assistanceCaseId} not found`);
      const extended = extendAssistanceCase(stored.value, { decision, treaty, at: input.at });
      if (!extended.ok) return extended;
      assistanceCase = extended.value;
      writes.push({ kind: 'case', assistanceCase, expectedVersion: stored.version });
    }
  }
  if (!(await store.writeCharter(writes, { actor: input.by, at: input.at })))
    return conflict(`decision ${input.decisionId}`);
  return { ok: true, value: { decision, assistanceCase } };
}

/** Moves one party's obligation in a case (its liaison or decision-maker, or an admin); declining needs a note. */
export async function advanceObligation(
  deps: CharterDeps,
  input: {
    readonly caseId: string;
    readonly party: string;
    readonly to: ObligationState;
    readonly note: string | null;
    readonly actor: WorkflowActor;
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Stored<AssistanceCase>>> {
  const { store } = deps;
  const stored = await store.getAssistanceCase(input.caseId, input.visibility);
  if (stored === null) return fail('unknown', `case ${input.caseId} not found`);
  const moved = advance(stored.value, {
    party: input.party,
    to: input.to,
    actor: input.actor,
    at: input.at,
    note: input.note,
  });
  if (!moved.ok) return moved;
  const ok = await store.writeCharter(
    [{ kind: 'case', assistanceCase: moved.value, expectedVersion: stored.version }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return conflict(`case ${input.caseId}`);
  return { ok: true, value: { version: stored.version + 1, value: moved.value } };
}
