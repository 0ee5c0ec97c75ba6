/**
 * Membership changes of a treaty as recorded events (final provisions: accession by the treaty's
 * rule, denunciation with its notice). Evaluation, decisions and cases read membership from the
 * treaties with these events applied (charter-deps.ts currentTreaties), on the day that counts, so a
 * party under notice still owes and is owed until its last day.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { applyMembershipEvent, type MembershipEvent } from '../domain/charter/workflow/membership-event.ts';
import { isReviewer, type WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import type { TreatyParty } from '../domain/treaty.ts';
import type { StoredMembershipEvent } from '../store/store.ts';
import {
  charterConflict,
  charterFail,
  SYSTEM_VISIBILITY,
  treatiesWith,
  type CharterDeps,
  type CharterResult,
} from './charter-deps.ts';

/** What a request names; the decision of an accession is read from the store. */
export type MembershipEventRequest =
  | {
      readonly kind: 'accession';
      readonly state: Pick<TreatyParty, 'iso3' | 'iso2' | 'name'>;
      readonly effectiveFrom: string;
      readonly decisionId: string;
    }
  | {
      readonly kind: 'denunciation';
      readonly party: string;
      readonly notifiedOn: string;
      readonly source: string;
    };

/**
 * Records a membership event of a treaty. Analysts and admins record both kinds (the depositary's
 * notifications); a party's decision-maker may record its own party's notice of denunciation. An
 * accession rests on the adopted accession decision it names.
 */
export async function recordMembershipEvent(
  deps: CharterDeps,
  input: {
    readonly treaty: string;
    readonly request: MembershipEventRequest;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly at: string;
  },
): Promise<CharterResult<StoredMembershipEvent>> {
  const { request, actor } = input;
  // One read of the events: the treaty they make and the number the next one takes.
  const events = await deps.store.listMembershipEvents();
  const treaties = treatiesWith(deps.treaties, events);
  const treaty = treaties.find((t) => t.id === input.treaty);
  if (treaty === undefined) return charterFail('unknown', `treaty ${input.treaty} not found`);
  const ownNotice =
    request.kind === 'denunciation' && actor.role === 'decision-maker' && actor.party === request.party;
  if (!isReviewer(actor) && !ownNotice)
    return charterFail(
      'not-authorised',
      `a ${actor.role}${actor.party === null ? '' : ` of ${actor.party}`} cannot record this ${request.kind}`,
    );
  let event: MembershipEvent;
  if (request.kind === 'accession') {
    const decision = await deps.store.getCharterDecision(request.decisionId, SYSTEM_VISIBILITY);
    if (decision === null) return charterFail('unknown', `decision ${request.decisionId} not found`);
    event = {
      kind: 'accession',
      state: request.state,
      effectiveFrom: request.effectiveFrom,
      decision: decision.value,
    };
  } else event = request;
  const applied = applyMembershipEvent(treaty, event);
  if (!applied.ok) return applied;
  const seq = events.filter((e) => e.treaty === treaty.id).length + 1;
  const ok = await deps.store.writeCharter(
    [{ kind: 'membership', treaty: treaty.id, seq, event, at: input.at, by: actor.id }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`the membership of ${treaty.id}`);
  return { ok: true, value: { treaty: treaty.id, seq, event, recordedAt: input.at, recordedBy: actor.id } };
}
