/** The assistance ledger's tables (migration 0009) as Kysely sees them; schema.ts lists them. */
import type { ColumnType, Generated } from 'kysely';

export interface AssistanceRequestsTable {
  id: Generated<number>;
  party: string;
  case_id: string | null;
  category: string;
  unit: string;
  quantity: number;
  place: string;
  needed_by: string;
  priority: string;
  description: string;
  classification: string;
  owner_party: string | null;
  created_at: string;
  created_by: number;
  /** open | cancelled */
  state: string;
  cancelled_at: string | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
  /** Optimistic lock: +1 on every write of the request's ledger. */
  version: number;
}

export interface AssistancePledgesTable {
  id: Generated<number>;
  request_id: number;
  party: string;
  unit: string;
  quantity: number;
  rate: number;
  rate_date: string | null;
  counted: number;
  available_from: string;
  note: string | null;
  pledged_at: string;
  pledged_by: number;
  withdrawn_quantity: ColumnType<number | null, number | null | undefined, number | null>;
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
  withdraw_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AssistanceDispatchesTable {
  id: Generated<number>;
  request_id: number;
  pledge_id: number;
  quantity: number;
  counted: number;
  sent_at: string;
  sent_by: number;
  expected_by: string | null;
  reference: string | null;
}

export interface AssistanceReceiptsTable {
  id: Generated<number>;
  request_id: number;
  dispatch_id: number;
  quantity: number;
  counted: number;
  received_at: string;
  received_by: number;
  note: string | null;
}

export interface AssistanceTables {
  assistance_requests: AssistanceRequestsTable;
  assistance_pledges: AssistancePledgesTable;
  assistance_dispatches: AssistanceDispatchesTable;
  assistance_receipts: AssistanceReceiptsTable;
}
