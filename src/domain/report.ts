/** A raw report as it reached the platform: field report, news article or partner message. */
import type { Classification } from './classification.ts';

export const REPORT_KINDS = ['field', 'news', 'partner'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportInput {
  readonly kind: ReportKind;
  readonly source: string;
  readonly url: string | null;
  /** BCP 47 language tag as given, e.g. "fr" or "en"; null when unknown. */
  readonly language: string | null;
  readonly title: string | null;
  readonly text: string;
  /** YYYY-MM-DD when the source published it. */
  readonly published: string | null;
  /** Where it happened as the reporter says, free text. */
  readonly placeText: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly classification: Classification;
  readonly ownerParty: string | null;
  /** The sender's own id for this report, so that a retry is not stored twice. */
  readonly clientRef: string | null;
}

export interface Report extends ReportInput {
  readonly id: number;
  /** ISO timestamp when the platform received it. */
  readonly receivedAt: string;
  /** Name of the user who sent it. */
  readonly submittedBy: string;
}
