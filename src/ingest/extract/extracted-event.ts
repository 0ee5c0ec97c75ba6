/** One incident the extractor read in a text: the extraction contract's keys, then evidence. */
export interface ExtractedEvent {
  event_date: string | null;
  country_iso3: string;
  admin1: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  event_type: string;
  sub_event_type: string;
  actor1: string | null;
  actor2: string | null;
  fatalities: number | null;
  /** 0–1: how much of the incident the text stated (place, date, toll, actors). */
  confidence: number;
  /** Character spans of the text the incident was read from: [start, end) of its sentences. */
  evidence: { start: number; end: number; text: string }[];
}
