import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { randomToken } from '../../random.ts';
import type { RecordEventSink } from '../../webhooks/record-events.ts';
import { appendBounded, Collection } from './collection.ts';
import { CrudStore } from './crud.ts';

// Didit's Travel Rule: the application's VASP settings, its wallet address book, the transfers
// attached to travel-rule transactions, the pickup links a counterparty VASP answers, and the
// wallet-ownership widget. A transfer moves through Didit's documented statuses (below), each move
// logged in its `timeline` and told as `travel_rule.status.updated`.
//
//   outbound, counterparty named   AWAITING_COUNTERPARTY (a pickup link)
//     pickup accepted              COMPLETED, or COUNTERPARTY_MISMATCHED_DATA when the name does not match
//     pickup declined              COUNTERPARTY_VASP_GENERAL_DECLINE
//     payment_txn_id reported      COMPLETED (outbound) -> FINISHED
//     action cancel                any non-terminal -> CANCELLED
//     action resend                VASP_NOT_FOUND / NOT_REACHABLE / NOT_ENOUGH_DATA -> AWAITING_COUNTERPARTY
//   outbound, no counterparty      NOT_ENOUGH_COUNTERPARTY_DATA
//   inbound (registered deposit)   COMPLETED for a verified wallet of the book, UNCONFIRMED_OWNERSHIP for an
//                                  unverified one (confirm -> COMPLETED, deny -> COUNTERPARTY_VASP_GENERAL_DECLINE),
//                                  ON_HOLD for an address not in the book

export const TERMINAL_TRANSFER_STATUSES: readonly string[] = [
  'FINISHED',
  'CANCELLED',
  'EXPIRED',
  'COUNTERPARTY_MISMATCHED_DATA',
  'COUNTERPARTY_VASP_GENERAL_DECLINE',
  'NOT_APPLICABLE',
];
export const RESENDABLE_TRANSFER_STATUSES: readonly string[] = [
  'COUNTERPARTY_VASP_NOT_FOUND',
  'COUNTERPARTY_VASP_NOT_REACHABLE',
  'NOT_ENOUGH_COUNTERPARTY_DATA',
];
/** Timeline entries kept per transfer. */
const MAX_TIMELINE = 50;

const DEFAULT_SETTINGS: JsonObject = {
  is_enabled: false,
  jurisdiction: 'EU',
  name_matching_strictness: 'DEFAULT',
  confirmation_timeout_hours: 48,
  timeout_outcome: 'HOLD',
  threshold_amount: '0.00',
  legal_name: 'Didit Mock VASP Ltd',
  lei: '',
  compliance_email: 'compliance@example.com',
  is_discoverable: true,
  inbound_auto_accept: false,
  allow_self_declaration: true,
  allow_screenshot_proof: true,
  auto_wallet_verification: false,
  vasp_attribution_enabled: false,
  travel_address: '',
};

/** A widget session (`POST /v3/travel-rule/widget-session/`), by its token. */
export interface WidgetSession {
  readonly id: string;
  readonly expiresMs: number;
  readonly context: JsonObject;
}

export class TravelRule {
  readonly #now: Clock;
  readonly #events: RecordEventSink;
  settings: JsonObject = structuredClone(DEFAULT_SETTINGS);
  readonly wallets: CrudStore;
  /** The pickup links, by token. */
  readonly #pickups = new Collection<{ token: string; transactionId: string }>();
  readonly #widgets = new Collection<WidgetSession>();

  constructor(now: Clock, events: RecordEventSink) {
    this.#now = now;
    this.#events = events;
    this.wallets = new CrudStore({ idFields: ['uuid'], create: 'travelRule.createWalletAddress', now });
  }

  reset(): void {
    this.settings = structuredClone(DEFAULT_SETTINGS);
    this.wallets.reset();
    this.#pickups.clear();
    this.#widgets.clear();
  }

  /** The wallet book's entry for `address` (on `chain`, when given). */
  wallet(address: string, chain?: string): JsonObject | undefined {
    return this.wallets.list((w) => w.address === address && (chain === undefined || w.chain === chain))[0];
  }

  /** A transfer for a new travel-rule transaction (outbound), and its pickup token when a counterparty is named. */
  outboundTransfer(transactionUuid: string, data: JsonObject, counterparty: JsonObject | null): JsonObject {
    const institution = isJsonObject(counterparty?.institution_details) ? counterparty.institution_details : undefined;
    const named = institution !== undefined || typeof counterparty?.full_name === 'string';
    const transfer = this.#transfer('OUTBOUND', named ? 'AWAITING_COUNTERPARTY' : 'NOT_ENOUGH_COUNTERPARTY_DATA', {
      rail: named ? 'EMAIL' : null,
      counterparty_vasp: institution
        ? { name: String(institution.name ?? 'Counterparty VASP'), lei: '', dd_score: 0 }
        : null,
      originator_data: isJsonObject(data.originator_data) ? data.originator_data : {},
      beneficiary_data: isJsonObject(data.beneficiary_data)
        ? data.beneficiary_data
        : counterparty?.full_name !== undefined
          ? { name: counterparty.full_name }
          : {},
    });
    if (named) {
      const token = randomToken(24);
      this.#pickups.set(token, { token, transactionId: transactionUuid });
    }
    return transfer;
  }

  /** A transfer for a registered inbound deposit: by the wallet book. */
  inboundTransfer(body: JsonObject): JsonObject {
    const entry = this.wallet(String(body.wallet_address), typeof body.chain === 'string' ? body.chain : undefined);
    const status =
      entry === undefined ? 'ON_HOLD' : entry.is_ownership_verified ? 'COMPLETED' : 'UNCONFIRMED_OWNERSHIP';
    const vasp = isJsonObject(body.originating_vasp) ? body.originating_vasp : undefined;
    return this.#transfer('INBOUND', status, {
      rail: 'INTERNAL',
      ownership_confirmed: status === 'COMPLETED' ? true : status === 'UNCONFIRMED_OWNERSHIP' ? false : null,
      counterparty_vasp: vasp
        ? { name: String(vasp.name ?? 'Originating VASP'), lei: String(vasp.lei ?? ''), dd_score: 0 }
        : null,
      originator_data: isJsonObject(body.originator_data) ? body.originator_data : {},
      beneficiary_data: isJsonObject(body.beneficiary_data) ? body.beneficiary_data : {},
    });
  }

  /** Moves a transaction's transfer to `status`, with a timeline entry and `travel_rule.status.updated`. */
  move(transaction: JsonObject, status: string, detail: string): JsonObject {
    const transfer = transaction.travel_rule as JsonObject;
    const previous = transfer.status;
    transfer.status = status;
    const timeline = Array.isArray(transfer.timeline) ? transfer.timeline : [];
    transfer.timeline = appendBounded(timeline, { status, at: isoMicros(this.#now()), detail }, MAX_TIMELINE);
    this.#events({
      type: 'travel_rule.status.updated',
      subject: `transaction:${transaction.uuid}`,
      fields: {
        transaction_id: transaction.uuid ?? null,
        txn_id: transaction.txn_id ?? null,
        vendor_data: transaction.vendor_data ?? null,
        status,
        previous_status: previous ?? null,
        data: transfer,
      },
    });
    return transfer;
  }

  /** The transaction uuid a pickup token is for. */
  pickupOf(token: string): string | undefined {
    return this.#pickups.get(token)?.transactionId;
  }

  /** Every pickup link (the admin route shows them: Didit emails them to the counterparty VASP). */
  pickups(): { token: string; transactionId: string }[] {
    return this.#pickups.values();
  }

  /** Does the beneficiary's name match, under the settings' `name_matching_strictness`? */
  namesMatch(expected: Json | undefined, given: string | undefined): boolean {
    const strictness = this.settings.name_matching_strictness;
    if (strictness === 'NONE' || typeof expected !== 'string' || expected === '') return true;
    if (given === undefined) return false;
    if (strictness === 'STRICT') return expected.trim().toLowerCase() === given.trim().toLowerCase();
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .split(' ')
        .sort()
        .join(' ');
    return strictness === 'FUZZY'
      ? norm(expected).includes(norm(given)) || norm(given).includes(norm(expected))
      : norm(expected) === norm(given);
  }

  openWidget(body: JsonObject, transferStatus: string | null): { token: string; session: WidgetSession } {
    const minutes =
      typeof body.expires_in_minutes === 'number' && body.expires_in_minutes > 0 ? body.expires_in_minutes : 30;
    const expiresMs = this.#now() + minutes * 60_000;
    const token = randomToken(24);
    const session: WidgetSession = {
      id: crypto.randomUUID(),
      expiresMs,
      context: {
        vasp_name: String(this.settings.legal_name || 'Didit Mock VASP Ltd'),
        wallet_address: String(body.wallet_address),
        chain: String(body.chain),
        holder_name: typeof body.holder_name === 'string' ? body.holder_name : '',
        allowed_methods: ['message_signing', 'satoshi_test', 'screenshot', 'self_declaration'],
        transfer_status: transferStatus,
        callback_url: typeof body.callback_url === 'string' ? body.callback_url : '',
        expires_at: isoMicros(expiresMs),
        completed_at: null,
        proofs: [],
        customization: null,
      },
    };
    this.#widgets.set(token, session);
    return { token, session };
  }

  widget(token: string): WidgetSession | undefined {
    return this.#widgets.get(token);
  }

  #transfer(direction: 'INBOUND' | 'OUTBOUND', status: string, fields: JsonObject): JsonObject {
    const now = this.#now();
    const hours = Number(this.settings.confirmation_timeout_hours ?? 48);
    return {
      uuid: crypto.randomUUID(),
      status,
      direction,
      protocol: 'IVMS101',
      ivms_version: '101.2023',
      required: true,
      ownership_confirmed: null,
      deadline_at: isoMicros(now + hours * 3600_000),
      timeline: [{ status, at: isoMicros(now), detail: 'Transfer created.' }],
      created_at: isoMicros(now),
      ...fields,
    };
  }
}
