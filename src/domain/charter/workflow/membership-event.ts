/**
 * Membership changes as events that produce a new Treaty, so that evaluation on a day reads
 * membership on that day through `membershipOn` (final provisions: accession of a state by unanimous
 * decision; denunciation with six months' notice).
 *
 * Accession needs an adopted decision (subject "accession") under the treaty's rule, and takes effect
 * on its `effectiveFrom` day. Denunciation is unilateral: it records the notice, and `membershipOn`
 * ends membership the day before notice + the treaty's notice period. A state that left by
 * denunciation cannot rejoin through this function: membershipOn reads every notice on record, so its
 * new membership would still end at the old notice. That needs a change to treaty.ts first.
 */
import { addMonths, dayBefore, membershipOn, type Treaty, type TreatyParty } from '../../treaty.ts';
import type { Decision } from './decision.ts';
import { isBlank } from './is-blank.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { dayOf } from './workflow-time.ts';

export type MembershipEvent =
  | {
      readonly kind: 'accession';
      readonly state: Pick<TreatyParty, 'iso3' | 'iso2' | 'name'>;
      readonly effectiveFrom: string;
      readonly decision: Decision;
    }
  | {
      readonly kind: 'denunciation';
      readonly party: string;
      readonly notifiedOn: string;
      readonly source: string;
    };

/** The last day of membership a notice given on `notifiedOn` leads to. */
export function denunciationLastDay(treaty: Treaty, notifiedOn: string): string {
  return dayBefore(addMonths(notifiedOn, treaty.denunciationNoticeMonths));
}

export function applyMembershipEvent(treaty: Treaty, event: MembershipEvent): WorkflowResult<Treaty> {
  return event.kind === 'accession' ? accede(treaty, event) : denounce(treaty, event);
}

function accede(
  treaty: Treaty,
  event: Extract<MembershipEvent, { kind: 'accession' }>,
): WorkflowResult<Treaty> {
  const { state, effectiveFrom, decision } = event;
  const s = decision.subject;
  if (decision.treaty !== treaty.id || s.kind !== 'accession' || s.state !== state.iso3)
    return refuse(
      'wrong-subject',
      `decision ${decision.id} is not on the accession of ${state.iso3} to ${treaty.id}`,
    );
  if (s.effectiveFrom !== effectiveFrom)
    return refuse(
      'wrong-subject',
      `decision ${decision.id} admits ${state.iso3} from ${s.effectiveFrom}, not ${effectiveFrom}`,
    );
  if (decision.state !== 'adopted')
    return refuse('not-adopted', `decision ${decision.id} is ${decision.state}`);
  if (decision.closedAt !== null && effectiveFrom < dayOf(decision.closedAt))
    return refuse(
      'out-of-order',
      `accession effective ${effectiveFrom} is before the decision (${dayOf(decision.closedAt)})`,
    );
  const existing = treaty.parties.find((p) => p.iso3 === state.iso3);
  if (existing === undefined)
    return succeed({
      ...treaty,
      parties: [
        ...treaty.parties,
        { ...state, memberships: [{ from: effectiveFrom, to: null }], denunciations: [] },
      ],
    });
  if (existing.denunciations.length > 0)
    return refuse(
      'rejoin-unsupported',
      `${state.iso3} left ${treaty.id} by denunciation; rejoining is not supported yet`,
    );
  if (existing.memberships.some((m) => m.to === null || m.to >= effectiveFrom))
    return refuse('already-member', `${state.iso3} is a member of ${treaty.id} on or after ${effectiveFrom}`);
  return succeed({
    ...treaty,
    parties: treaty.parties.map((p) =>
      p.iso3 === state.iso3
        ? { ...p, memberships: [...p.memberships, { from: effectiveFrom, to: null }] }
        : p,
    ),
  });
}

function denounce(
  treaty: Treaty,
  event: Extract<MembershipEvent, { kind: 'denunciation' }>,
): WorkflowResult<Treaty> {
  const { party, notifiedOn, source } = event;
  if (isBlank(source)) return refuse('reason-required', 'a notice of denunciation names its source');
  const p = treaty.parties.find((x) => x.iso3 === party);
  if (p === undefined) return refuse('not-member', `${party} is not a party to ${treaty.id}`);
  const standing = membershipOn(treaty, p, notifiedOn);
  if (!standing.member)
    return refuse('not-member', `${party} is not a member of ${treaty.id} on ${notifiedOn}`);
  if (standing.notice !== null)
    return refuse(
      'already-under-notice',
      `${party} gave notice on ${standing.notice.notifiedOn}; it is a party until ${standing.notice.lastDay}`,
    );
  return succeed({
    ...treaty,
    parties: treaty.parties.map((x) =>
      x.iso3 === party ? { ...x, denunciations: [...x.denunciations, { notifiedOn, source }] } : x,
    ),
  });
}
