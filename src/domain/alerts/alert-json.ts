/** An alert as JSON for the stream, the list and webhooks: snake_case like every API answer. */
import type { AlertEvent } from './alert-event.ts';

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function alertJson(event: AlertEvent) {
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event.payload)) if (k !== 'kind') payload[snake(k)] = v;
  return {
    seq: event.seq,
    kind: event.kind,
    incident_id: event.incidentId,
    classification: event.classification,
    owner_party: event.ownerParty,
    created_at: event.createdAt,
    payload,
  };
}
