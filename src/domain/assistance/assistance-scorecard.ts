/**
 * A scorecard per party: its duty-of-assistance obligations (met, open, declined, overdue, from the
 * cases) and its record in the ledger — pledges made, delivered in full, late — with the median time
 * from a request (or, for a request answering a case, from the party's obligation starting) to the
 * party's first pledge, and from a pledge to its last receipt. Computed from what the viewer may read.
 */
import type { AssistanceCase } from '../charter/workflow/assistance-case.ts';
import { overdue } from '../charter/workflow/assistance-clocks.ts';
import { HOUR_MS, instantMs } from '../charter/workflow/workflow-time.ts';
import type { AssistanceLedger } from './assistance-ledger.ts';
import { rollUp } from './assistance-rollup.ts';

export interface PartyScorecard {
  readonly party: string;
  readonly obligations: {
    readonly met: number;
    readonly open: number;
    readonly declined: number;
    /** Open obligations past one of their case's deadlines. */
    readonly overdue: number;
  };
  readonly pledges: number;
  /** Pledges received in full. */
  readonly delivered: number;
  /** Pledges not yet received in full (requests cancelled and pledges withdrawn whole aside). */
  readonly outstanding: number;
  /** Pledges of which the party withdrew what it had not sent. */
  readonly withdrawn: number;
  /** Pledges whose available-from day passed with part of them not sent. */
  readonly late: number;
  readonly requestsMade: number;
  readonly requestsFulfilled: number;
  /** Median hours to first pledge (null without a sample), over `firstPledgeSamples` cases and requests. */
  readonly medianHoursToFirstPledge: number | null;
  readonly firstPledgeSamples: number;
  /** Median hours from a pledge to its last receipt, over `deliverySamples` pledges received in full. */
  readonly medianHoursToDelivery: number | null;
  readonly deliverySamples: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return Math.round(m * 10) / 10;
}

const hoursBetween = (from: string, to: string): number => (instantMs(to) - instantMs(from)) / HOUR_MS;

export function scorecards(input: {
  readonly parties: readonly string[];
  readonly ledgers: readonly AssistanceLedger[];
  readonly cases: readonly AssistanceCase[];
  readonly now: string;
}): PartyScorecard[] {
  const { ledgers, cases, now } = input;
  const rolled = ledgers.map((l) => ({ ledger: l, roll: rollUp(l, now) }));
  const caseIds = new Set(cases.map((c) => c.id));
  return input.parties.map((party) => {
    let met = 0;
    let open = 0;
    let declined = 0;
    let late = 0;
    const firstPledge: number[] = [];
    for (const c of cases) {
      const o = c.obligations.find((x) => x.party === party);
      if (o === undefined) continue;
      if (o.state === 'fulfilled') met += 1;
      else if (o.state === 'declined') declined += 1;
      else open += 1;
      if (overdue(c, now).some((x) => x.party === party)) late += 1;
      const times = ledgers
        .filter((l) => l.request.caseId === c.id)
        .flatMap((l) => l.pledges.filter((p) => p.party === party).map((p) => p.pledgedAt))
        .sort();
      const first = times[0];
      if (first !== undefined) firstPledge.push(hoursBetween(o.owedFrom, first));
    }
    for (const l of ledgers) {
      if (l.request.caseId !== null && caseIds.has(l.request.caseId)) continue;
      const first = l.pledges
        .filter((p) => p.party === party)
        .map((p) => p.pledgedAt)
        .sort()[0];
      if (first !== undefined) firstPledge.push(hoursBetween(l.request.createdAt, first));
    }
    let pledges = 0;
    let delivered = 0;
    let outstanding = 0;
    let latePledges = 0;
    let withdrawn = 0;
    const delivery: number[] = [];
    for (const { ledger, roll } of rolled) {
      for (const p of ledger.pledges) {
        if (p.party !== party) continue;
        pledges += 1;
        if (p.withdrawn !== null) withdrawn += 1;
        const pr = roll.pledges.find((x) => x.pledgeId === p.id);
        if (pr === undefined || pr.standing <= 0) continue;
        if (pr.late) latePledges += 1;
        if (pr.receiptStatus === 'complete') {
          delivered += 1;
          const ids = new Set(ledger.dispatches.filter((d) => d.pledgeId === p.id).map((d) => d.id));
          const last = ledger.receipts
            .filter((r) => ids.has(r.dispatchId))
            .map((r) => r.receivedAt)
            .sort()
            .at(-1);
          if (last !== undefined) delivery.push(hoursBetween(p.pledgedAt, last));
        } else if (ledger.request.state !== 'cancelled') outstanding += 1;
      }
    }
    const own = rolled.filter((x) => x.ledger.request.party === party);
    return {
      party,
      obligations: { met, open, declined, overdue: late },
      pledges,
      delivered,
      outstanding,
      withdrawn,
      late: latePledges,
      requestsMade: own.length,
      requestsFulfilled: own.filter((x) => x.roll.stage === 'fulfilled').length,
      medianHoursToFirstPledge: median(firstPledge),
      firstPledgeSamples: firstPledge.length,
      medianHoursToDelivery: median(delivery),
      deliverySamples: delivery.length,
    };
  });
}
