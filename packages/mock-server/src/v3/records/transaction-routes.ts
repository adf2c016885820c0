import type { Context } from 'hono';
import { fieldErrors, notFound } from '../../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';
import { DEFAULT_TOKEN_TTL_SEC, type TransactionToken } from './transaction-tokens.ts';
import type { NewTransaction } from './transactions.ts';

// `/v3/transactions/` (API key) and the SDK's `/v1/transactions/` (a transaction token): create,
// list, get, and the tokens. A subject whose User or Business is BLOCKED is refused, as Didit's
// blocklist does; a new subject's `vendor_data` makes its User (or Business) as a session's does.

const str = (value: Json | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: Json | undefined): number | null => (typeof value === 'number' ? value : null);

/** The v3 body (`transaction_details`, `subject`, ...). */
function fromV3(body: JsonObject): NewTransaction {
  const details = isJsonObject(body.transaction_details) ? body.transaction_details : {};
  return {
    txnId: String(body.transaction_id),
    txnDate: str(body.transaction_at) ?? undefined,
    zoneId: str(body.time_zone),
    category: str(body.transaction_category) ?? 'finance',
    direction: String(details.direction ?? 'outbound'),
    amount: num(details.amount) ?? 0,
    currency: String(details.currency ?? 'USD'),
    currencyKind: str(details.currency_kind),
    amountInDefault: num(details.amount_in_default_currency),
    defaultCurrency: str(details.default_currency),
    paymentDetails: str(details.payment_details),
    paymentTxnId: str(details.payment_reference_id),
    actionType: str(details.action_type),
    subject: isJsonObject(body.subject) ? body.subject : {},
    counterparty: isJsonObject(body.counterparty) ? body.counterparty : null,
    props: isJsonObject(body.custom_properties) ? body.custom_properties : {},
    travelRule: isJsonObject(body.travel_rule_details) ? body.travel_rule_details : null,
  };
}

/** The SDK's camelCase body; the subject is always the token's `vendor_data`. */
function fromSdk(body: JsonObject, token: TransactionToken): NewTransaction {
  const info = isJsonObject(body.info) ? body.info : {};
  const subject = isJsonObject(body.subject) ? body.subject : {};
  const counterparty = isJsonObject(body.counterparty) ? body.counterparty : null;
  const person = (who: JsonObject): JsonObject => ({
    entity_type: who.type === 'company' ? 'company' : 'individual',
    full_name: (who.fullName ?? null) as Json,
    first_name: (who.firstName ?? null) as Json,
    last_name: (who.lastName ?? null) as Json,
    date_of_birth: (who.dob ?? null) as Json,
    address: isJsonObject(who.address) ? who.address : {},
    institution_details: isJsonObject(who.institutionInfo) ? who.institutionInfo : {},
    device_context: isJsonObject(who.device) ? who.device : {},
  });
  return {
    txnId: String(body.txnId),
    txnDate: str(body.txnDate) ?? undefined,
    zoneId: str(body.zoneId),
    category: String(body.type ?? 'finance'),
    direction: String(info.direction ?? 'out'),
    amount: num(info.amount) ?? 0,
    currency: String(info.currency ?? 'USD'),
    currencyKind: str(info.currencyType),
    amountInDefault: num(info.amountInDefaultCurrency),
    defaultCurrency: str(info.defaultCurrencyCode),
    paymentDetails: str(info.paymentDetails),
    paymentTxnId: str(info.paymentTxnId),
    actionType: str(info.type),
    subject: { ...person(subject), vendor_data: token.vendorData },
    counterparty: counterparty && {
      ...person(counterparty),
      vendor_data: (counterparty.externalUserId ?? null) as Json,
    },
    props: isJsonObject(body.props) ? body.props : {},
    travelRule: isJsonObject(body.travelRule) ? body.travelRule : null,
  };
}

export function transactionRoutes(ctx: RecordContext): OperationRoutes {
  const { transactions, tokens, travelRule, users, businesses } = ctx.records;

  /** Create, for both bodies: the blocklist, a unique `txn_id`, the subject's record, a transfer for travel-rule ones. */
  const submit = (c: Context, input: NewTransaction, duplicateField: string): JsonObject | Response => {
    const vendorData = str(input.subject.vendor_data);
    const company = input.subject.entity_type === 'company';
    const store = company ? businesses : users;
    if (vendorData !== null && store.isBlocked(vendorData)) {
      const who = company ? 'business' : 'individual';
      return fieldErrors(c, {
        vendor_data: [`The ${who} '${vendorData}' is in the blocklist and cannot participate in transactions.`],
      });
    }
    if (transactions.byTxnId(input.txnId)) {
      return fieldErrors(c, { [duplicateField]: ['A transaction with this transaction_id already exists.'] });
    }
    if (vendorData !== null) store.ensure(vendorData);
    const travel = input.category === 'travel_rule' || input.category === 'travelRule' || input.travelRule !== null;
    const uuid = crypto.randomUUID();
    const transfer =
      travel && !/^in/i.test(input.direction)
        ? travelRule.outboundTransfer(uuid, input.travelRule ?? {}, input.counterparty)
        : null;
    return transactions.create(input, transfer, uuid);
  };

  return {
    'transactions.list': {
      behaviour: 'stateful',
      what: 'every transaction, newest first (`count` capped at 100, `total_transactions` the rest)',
      handle: (c) => {
        const rows = transactions.list();
        return listAnswer(c, OPERATIONS['transactions.list'], ctx.origin(c), rows, {
          count: Math.min(rows.length, 100),
          total_transactions: rows.length,
        });
      },
    },
    'transactions.create': {
      behaviour: 'stateful',
      what: 'a monitored transaction: IN_REVIEW at ≥ 10,000 in the default currency, else APPROVED; `transaction.created`',
      handle: (c, { body }) => {
        const created = submit(c, fromV3(body), 'transaction_id');
        return created instanceof Response ? created : recordAnswer(c, OPERATIONS['transactions.create'], created);
      },
    },
    'transactions.get': {
      behaviour: 'stateful',
      what: 'one transaction, with its activities and travel-rule transfer',
      handle: (c, { params }) => {
        const transaction = transactions.get(params.transaction_id ?? '');
        return transaction ? recordAnswer(c, OPERATIONS['transactions.get'], transaction) : notFound(c);
      },
    },
    'transactions.createSdkToken': {
      behaviour: 'stateful',
      what: 'a token for `/v1/transactions/`, bound to the `vendor_data`, with `ttl_seconds` and `max_uses`',
      handle: (c, { body }) => {
        const ttl = typeof body.ttl_seconds === 'number' ? body.ttl_seconds : DEFAULT_TOKEN_TTL_SEC;
        if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) {
          return fieldErrors(c, { ttl_seconds: ['Ensure this value is between 1 and 86400.'] });
        }
        const maxUses = typeof body.max_uses === 'number' ? body.max_uses : null;
        if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1)) {
          return fieldErrors(c, { max_uses: ['Ensure this value is greater than or equal to 1.'] });
        }
        return recordAnswer(
          c,
          OPERATIONS['transactions.createSdkToken'],
          tokens.mint(String(body.vendor_data), ttl, maxUses),
        );
      },
    },
    'transactions.submitFromSdk': {
      behaviour: 'stateful',
      what: "the SDK's submit (`X-Transaction-Token`): the subject is the token's `vendor_data`; counts a use",
      handle: (c, { body }) => {
        const token = c.get('transactionToken') as TransactionToken;
        const created = submit(c, fromSdk(body, token), 'txnId');
        if (created instanceof Response) return created;
        token.uses++;
        return recordAnswer(c, OPERATIONS['transactions.submitFromSdk'], created);
      },
    },
    'transactions.getFromSdk': {
      behaviour: 'stateful',
      what: "one of the token's own transactions (another user's is not found)",
      handle: (c, { params }) => {
        const token = c.get('transactionToken') as TransactionToken;
        const transaction = transactions.get(params.transaction_id ?? '');
        if (!transaction || transaction.vendor_data !== token.vendorData) return notFound(c);
        return recordAnswer(c, OPERATIONS['transactions.getFromSdk'], transaction);
      },
    },
  };
}
