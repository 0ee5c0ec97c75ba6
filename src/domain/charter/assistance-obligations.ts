/** The duty of assistance Art. 6 creates: one obligation for every other party that is a member on the day. */
import { describeDecisionRule, membershipOn } from '../treaty.ts';
import type { IncidentReading } from './incident-reading.ts';
import type { Obligation } from './proposal.ts';

export function assistanceObligations(reading: IncidentReading, victim: string): Obligation[] {
  const rule = describeDecisionRule(reading.treaty.decisionRule);
  return reading.members
    .filter((p) => p.iso3 !== victim)
    .map((p) => {
      const notice = membershipOn(reading.treaty, p, reading.asOf).notice;
      const underNotice =
        notice === null ? '' : `; owed although under notice of denunciation (party until ${notice.lastDay})`;
      return {
        party: p.iso3,
        duty: `assistance and relief to ${victim}, individually or collectively, including the use of armed force to restore security, once the parties decide (${rule})${underNotice}`,
      };
    });
}
