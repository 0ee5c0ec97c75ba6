/**
 * Reads ACLED event types and sub-event types from a cell: the canonical label, or the same label in
 * another case or spacing ("armed clash", "Violence Against Civilians").
 */
import { EVENT_TYPES, SUB_EVENT_TYPES, type EventType, type SubEventType } from '../domain/acled-taxonomy.ts';

const fold = (label: string): string => label.toLowerCase().replace(/\s+/g, ' ');

// Each label under its canonical and its folded spelling: the canonical one is found without folding.
const EVENT_TYPE_BY_LABEL: ReadonlyMap<string, EventType> = new Map(
  EVENT_TYPES.flatMap((t) => [
    [t, t],
    [fold(t), t],
  ]),
);
const SUB_EVENT_TYPE_BY_LABEL: ReadonlyMap<string, SubEventType> = new Map(
  Object.values(SUB_EVENT_TYPES)
    .flat()
    .flatMap((s) => [
      [s, s],
      [fold(s), s],
    ]),
);

/** The event type written in a cell, or undefined when it is not one. */
export function eventTypeOf(text: string): EventType | undefined {
  return EVENT_TYPE_BY_LABEL.get(text) ?? EVENT_TYPE_BY_LABEL.get(fold(text));
}

/** The sub-event type written in a cell, or undefined when it is not one. */
export function subEventTypeOf(text: string): SubEventType | undefined {
  return SUB_EVENT_TYPE_BY_LABEL.get(text) ?? SUB_EVENT_TYPE_BY_LABEL.get(fold(text));
}
