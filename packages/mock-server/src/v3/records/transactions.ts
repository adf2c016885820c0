import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import type { RecordEventSink } from '../../webhooks/record-events.ts';
import { appendBounded, Collection } from './collection.ts';

// Didit's Transaction Monitoring transactions (`/v3/transactions/`, and the SDK's `/v1/transactions/`):
// each one is kept as its detail, numbered, with its status decided by one deterministic rule (at
// or above REVIEW_THRESHOLD in the default currency it goes IN_REVIEW, else APPROVED), its
// activities, and, when it carries Travel Rule data, a transfer (travel-rule.ts). `transaction.created`
// on create, `transaction.status.updated` on every change of status.

export const TRANSACTION_STATUSES = ['APPROVED', 'IN_REVIEW', 'DECLINED', 'AWAITING_USER'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** The mock's one monitoring rule: an amount (in the default currency) at or above this goes to review. */
export const REVIEW_THRESHOLD = 10_000;
const FIRST_NUMBER = 4_001;
/** Activities kept per transaction. */
const MAX_ACTIVITIES = 100;

/** A transaction as both the v3 body and the SDK's camelCase body describe it. */
export interface NewTransaction {
  txnId: string;
  txnDate: string | undefined;
  zoneId: string | null;
  category: string;
  direction: string;
  amount: number;
  currency: string;
  currencyKind: string | null;
  amountInDefault: number | null;
  defaultCurrency: string | null;
  paymentDetails: string | null;
  paymentTxnId: string | null;
  actionType: string | null;
  subject: JsonObject;
  counterparty: JsonObject | null;
  props: JsonObject;
  travelRule: JsonObject | null;
}

export class TransactionStore {
  readonly #now: Clock;
  readonly #events: RecordEventSink;
  readonly #records = new Collection<JsonObject>();
  #next = FIRST_NUMBER;

  constructor(now: Clock, events: RecordEventSink) {
    this.#now = now;
    this.#events = events;
  }

  reset(): void {
    this.#records.clear();
    this.#next = FIRST_NUMBER;
  }

  get(uuid: string): JsonObject | undefined {
    return this.#records.get(uuid);
  }

  byTxnId(txnId: string): JsonObject | undefined {
    return this.#records.values().find((t) => t.txn_id === txnId);
  }

  /** Newest first (`txn_date` descending). */
  list(filter: (t: JsonObject) => boolean = () => true): JsonObject[] {
    return this.#records
      .values()
      .filter(filter)
      .sort((a, b) => (String(a.txn_date) < String(b.txn_date) ? 1 : String(a.txn_date) > String(b.txn_date) ? -1 : 0));
  }

  create(input: NewTransaction, travelRule: JsonObject | null = null, uuid: string = crypto.randomUUID()): JsonObject {
    const now = isoMicros(this.#now());
    const inDefault = input.amountInDefault ?? input.amount;
    const review = inDefault >= REVIEW_THRESHOLD;
    const status: TransactionStatus = review ? 'IN_REVIEW' : 'APPROVED';
    const direction = /^in/i.test(input.direction) ? 'INBOUND' : 'OUTBOUND';
    const vendorData = typeof input.subject.vendor_data === 'string' ? input.subject.vendor_data : null;
    const transaction: JsonObject = {
      uuid,
      transaction_number: this.#next++,
      txn_id: input.txnId,
      txn_date: input.txnDate ?? now,
      zone_id: input.zoneId,
      transaction_type: input.category,
      action_type: input.actionType ?? 'transfer',
      direction,
      status,
      amount: decimal(input.amount),
      currency: input.currency,
      currency_type: input.currencyKind,
      amount_in_default_currency: decimal(inDefault),
      default_currency_code: input.defaultCurrency ?? 'USD',
      preferred_currency_amount: decimal(inDefault),
      preferred_currency_code: input.defaultCurrency ?? 'USD',
      payment_details: input.paymentDetails,
      payment_txn_id: input.paymentTxnId,
      score: review ? 65 : 0,
      severity: review ? 'MEDIUM' : null,
      decision_reason_code: review ? 'AMOUNT_THRESHOLD' : null,
      decision_reason_label: review ? `Amount at or above ${REVIEW_THRESHOLD} in the default currency` : null,
      vendor_data: vendorData,
      metadata: { subject: input.subject, counterparty: input.counterparty ?? {} },
      props: input.props,
      tags: [],
      parties: [
        party('APPLICANT', input.subject),
        ...(input.counterparty ? [party('COUNTERPARTY', input.counterparty)] : []),
      ],
      payment_methods: [],
      activities: [],
      alerts: [],
      rule_runs: [],
      provider_results: [],
      travel_rule: travelRule,
      network_snapshot: null,
      remediation: null,
      action_required: null,
      cost_breakdown: null,
      created_at: now,
    };
    this.#activity(transaction, 'TRANSACTION_CREATED', 'Transaction recorded.');
    this.#records.set(String(transaction.uuid), transaction);
    this.#events({
      type: 'transaction.created',
      subject: `transaction:${transaction.uuid}`,
      fields: { ...keyFields(transaction), data: transaction },
    });
    return transaction;
  }

  /** A new status (an analyst's decision: the admin route): `transaction.status.updated`. */
  setStatus(transaction: JsonObject, status: TransactionStatus, reason = 'api_patched'): void {
    const previous = transaction.status;
    if (previous === status) return;
    transaction.status = status;
    this.#activity(transaction, 'STATUS_CHANGED', `Status changed from ${String(previous)} to ${status}.`);
    this.#events({
      type: 'transaction.status.updated',
      subject: `transaction:${transaction.uuid}`,
      fields: {
        ...keyFields(transaction),
        previous_status: previous ?? null,
        reason,
        changed_at: isoMicros(this.#now()),
        data: transaction,
      },
    });
  }

  #activity(transaction: JsonObject, type: string, description: string): void {
    const activities = Array.isArray(transaction.activities) ? transaction.activities : [];
    transaction.activities = appendBounded(
      activities,
      {
        uuid: crypto.randomUUID(),
        activity_type: type,
        source: 'TRANSACTION',
        status: transaction.status ?? null,
        title: String(transaction.action_type ?? 'transaction'),
        description,
        metadata: {},
        occurred_at: isoMicros(this.#now()),
      },
      MAX_ACTIVITIES,
    );
  }
}

function keyFields(transaction: JsonObject): JsonObject {
  return {
    transaction_id: transaction.uuid ?? null,
    txn_id: transaction.txn_id ?? null,
    status: transaction.status ?? null,
    score: transaction.score ?? 0,
    vendor_data: transaction.vendor_data ?? null,
  };
}

function party(role: string, who: JsonObject): JsonObject {
  const entityType = typeof who.entity_type === 'string' ? who.entity_type : 'individual';
  return {
    uuid: crypto.randomUUID(),
    role,
    entity_type: entityType,
    kind: typeof who.vendor_data === 'string' ? (entityType === 'company' ? 'BUSINESS' : 'USER') : 'EXTERNAL',
    vendor_data: (who.vendor_data ?? null) as Json,
    full_name: (who.full_name ?? null) as Json,
    first_name: (who.first_name ?? null) as Json,
    last_name: (who.last_name ?? null) as Json,
    country_code: isJsonObject(who.address) ? ((who.address.country ?? null) as Json) : null,
    dob: (who.date_of_birth ?? null) as Json,
    address: isJsonObject(who.address) ? who.address : {},
    institution_info: isJsonObject(who.institution_details) ? who.institution_details : {},
    device: isJsonObject(who.device_context) ? who.device_context : {},
    external_party_snapshot: null,
  };
}

/** Didit's amounts are decimal strings (`"1500"`, `"0.5"`). */
function decimal(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(18)));
}
