import type { Context } from 'hono';
import { detail, fieldErrors, notFound } from '../../drf.ts';
import { isJsonObject, type JsonObject } from '../../json.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';
import { RESENDABLE_TRANSFER_STATUSES, TERMINAL_TRANSFER_STATUSES } from './travel-rule.ts';

// `/v3/travel-rule/...` and `/v3/transactions/{id}/travel-rule/...`: the settings, the wallet
// address book, the transfers' transitions (travel-rule.ts has the table), the public pickup and
// widget pages' APIs, and inbound deposits.

export function travelRuleRoutes(ctx: RecordContext): OperationRoutes {
  const { travelRule, transactions } = ctx.records;
  const { wallets } = travelRule;
  /** The transaction and its transfer, or the answer when there is none. */
  const transferOf = (
    c: Context,
    id: string | undefined,
  ): { transaction: JsonObject; transfer: JsonObject } | Response => {
    const transaction = transactions.get(id ?? '');
    if (!transaction) return notFound(c);
    if (!isJsonObject(transaction.travel_rule)) return detail(c, 404, 'This transaction has no Travel Rule transfer.');
    return { transaction, transfer: transaction.travel_rule };
  };
  /** A pickup link's transaction and transfer: 404 unknown, 410 when its window has closed. */
  const pickup = (c: Context, token: string | undefined) => {
    const id = travelRule.pickupOf(token ?? '');
    const found = id === undefined ? undefined : transferOf(c, id);
    if (found === undefined || found instanceof Response) return notFound(c);
    if (found.transfer.status !== 'AWAITING_COUNTERPARTY') {
      return detail(c, 410, 'This pickup link is no longer valid.');
    }
    return found;
  };

  return {
    'travelRule.getSettings': {
      behaviour: 'stateful',
      what: 'the VASP settings (disabled until enabled with a `legal_name`)',
      handle: (c) => recordAnswer(c, OPERATIONS['travelRule.getSettings'], travelRule.settings),
    },
    'travelRule.updateSettings': {
      behaviour: 'stateful',
      what: 'replaces the settings given; enabling needs a `legal_name` (Didit’s 400)',
      handle: (c, { body }) => {
        const next = { ...travelRule.settings, ...body };
        if (next.is_enabled === true && (typeof next.legal_name !== 'string' || next.legal_name === '')) {
          return fieldErrors(c, { legal_name: ['legal_name is required to enable travel rule.'] });
        }
        for (const [key, value] of Object.entries(body))
          if (key in travelRule.settings) travelRule.settings[key] = value;
        return recordAnswer(c, OPERATIONS['travelRule.updateSettings'], travelRule.settings);
      },
    },
    'travelRule.listWalletAddresses': {
      behaviour: 'stateful',
      what: 'the wallet address book',
      handle: (c) => listAnswer(c, OPERATIONS['travelRule.listWalletAddresses'], ctx.origin(c), wallets.list()),
    },
    'travelRule.createWalletAddress': {
      behaviour: 'stateful',
      what: 'a wallet of the book (an address is unique per chain); inbound deposits to it are matched',
      handle: (c, { body }) => {
        const chain = typeof body.chain === 'string' ? body.chain : undefined;
        if (travelRule.wallet(String(body.address), chain)) {
          return fieldErrors(c, { address: ['A wallet address entry with this address and chain already exists.'] });
        }
        const entry = wallets.create(body, { is_ownership_verified: false, self_declared: false });
        return recordAnswer(c, OPERATIONS['travelRule.createWalletAddress'], entry);
      },
    },
    'travelRule.updateWalletAddress': {
      behaviour: 'stateful',
      what: 'changes the holder fields given',
      handle: (c, { params, body }) => {
        const entry = wallets.get(params.entry_uuid ?? '');
        if (!entry) return notFound(c);
        wallets.update(entry, body, 'travelRule.updateWalletAddress');
        return recordAnswer(c, OPERATIONS['travelRule.updateWalletAddress'], entry);
      },
    },
    'travelRule.deleteWalletAddress': {
      behaviour: 'stateful',
      what: 'removes it from the book',
      handle: (c, { params }) => (wallets.delete(params.entry_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
    'travelRule.updateTransfer': {
      behaviour: 'stateful',
      what: '`payment_txn_id`: COMPLETED → FINISHED; `cancel`; `resend` (409 from any other status)',
      handle: (c, { params, body }) => {
        const found = transferOf(c, params.transaction_id);
        if (found instanceof Response) return found;
        const { transaction, transfer } = found;
        const status = String(transfer.status);
        const conflict = (message: string) => detail(c, 409, message);
        if (typeof body.payment_txn_id === 'string') {
          if (status !== 'COMPLETED' || transfer.direction !== 'OUTBOUND') {
            return conflict(`Only a COMPLETED outbound transfer can be finished (this one is ${status}).`);
          }
          transaction.payment_txn_id = body.payment_txn_id;
          travelRule.move(transaction, 'FINISHED', 'On-chain transaction reported.');
        } else if (body.action === 'cancel') {
          if (TERMINAL_TRANSFER_STATUSES.includes(status)) return conflict(`The transfer is already ${status}.`);
          travelRule.move(transaction, 'CANCELLED', 'Cancelled through the API.');
        } else if (body.action === 'resend') {
          if (transfer.direction !== 'OUTBOUND' || !RESENDABLE_TRANSFER_STATUSES.includes(status)) {
            return conflict(`A ${status} transfer cannot be resent.`);
          }
          travelRule.move(transaction, 'AWAITING_COUNTERPARTY', 'Routing run again.');
        } else {
          return c.json(['Provide payment_txn_id or a supported action (cancel, resend).'], 400);
        }
        return recordAnswer(c, OPERATIONS['travelRule.updateTransfer'], transfer);
      },
    },
    'travelRule.confirmOwnership': {
      behaviour: 'stateful',
      what: 'UNCONFIRMED_OWNERSHIP → COMPLETED (confirmed: the wallet is verified) or declined',
      handle: (c, { params, body }) => {
        const found = transferOf(c, params.transaction_id);
        if (found instanceof Response) return found;
        const { transaction, transfer } = found;
        if (transfer.status !== 'UNCONFIRMED_OWNERSHIP') {
          return detail(c, 409, `The transfer is ${String(transfer.status)}, not UNCONFIRMED_OWNERSHIP.`);
        }
        if (body.confirmed === true) {
          transfer.ownership_confirmed = true;
          const beneficiary = isJsonObject(transfer.beneficiary_data) ? transfer.beneficiary_data : {};
          const wallet =
            typeof beneficiary.wallet_address === 'string' ? travelRule.wallet(beneficiary.wallet_address) : undefined;
          if (wallet) wallet.is_ownership_verified = true;
          travelRule.move(transaction, 'COMPLETED', 'Ownership confirmed.');
        } else {
          transfer.ownership_confirmed = false;
          travelRule.move(transaction, 'COUNTERPARTY_VASP_GENERAL_DECLINE', 'Ownership denied.');
        }
        return recordAnswer(c, OPERATIONS['travelRule.confirmOwnership'], transfer);
      },
    },
    'travelRule.getPickup': {
      behaviour: 'stateful',
      what: 'public: the pending exchange a pickup link shows (410 once it has left AWAITING_COUNTERPARTY)',
      handle: (c, { params }) => {
        const found = pickup(c, params.token);
        if (found instanceof Response) return found;
        const { transaction, transfer } = found;
        const beneficiary = isJsonObject(transfer.beneficiary_data) ? transfer.beneficiary_data : {};
        return recordAnswer(c, OPERATIONS['travelRule.getPickup'], {
          originator_vasp_name: String(travelRule.settings.legal_name || 'Didit Mock VASP Ltd'),
          amount: transaction.amount ?? '0',
          currency: transaction.currency ?? '',
          beneficiary_wallet: String(beneficiary.wallet_address ?? ''),
          status: transfer.status ?? '',
        });
      },
    },
    'travelRule.respondToPickup': {
      behaviour: 'stateful',
      what: 'public: accept (COMPLETED, or COUNTERPARTY_MISMATCHED_DATA when the name does not match) or decline',
      handle: (c, { params, body }) => {
        const found = pickup(c, params.token);
        if (found instanceof Response) return found;
        const { transaction, transfer } = found;
        const beneficiary = isJsonObject(transfer.beneficiary_data) ? transfer.beneficiary_data : {};
        const name = typeof body.beneficiary_name === 'string' ? body.beneficiary_name : undefined;
        const status =
          body.decision === 'decline'
            ? 'COUNTERPARTY_VASP_GENERAL_DECLINE'
            : travelRule.namesMatch(beneficiary.name, name)
              ? 'COMPLETED'
              : 'COUNTERPARTY_MISMATCHED_DATA';
        travelRule.move(transaction, status, `Counterparty ${body.decision === 'decline' ? 'declined' : 'accepted'}.`);
        return recordAnswer(c, OPERATIONS['travelRule.respondToPickup'], { status });
      },
    },
    'travelRule.registerInbound': {
      behaviour: 'stateful',
      what: 'an inbound deposit: a transaction (`transaction.created`) and a transfer by the wallet book; again: 200',
      handle: (c, { body }) => {
        const txnId = `inbound-${String(body.chain)}-${String(body.txid)}`;
        const existing = transactions.byTxnId(txnId);
        if (existing) {
          return recordAnswer(
            c,
            OPERATIONS['travelRule.registerInbound'],
            {
              transaction_id: existing.uuid ?? null,
              txn_id: txnId,
              created: false,
              travel_rule: existing.travel_rule ?? null,
            },
            200,
          );
        }
        const amount = Number(body.amount);
        const transaction = transactions.create(
          {
            txnId,
            txnDate: undefined,
            zoneId: null,
            category: 'travelRule',
            direction: 'inbound',
            amount: Number.isFinite(amount) ? amount : 0,
            currency: String(body.currency),
            currencyKind: 'crypto',
            amountInDefault: null,
            defaultCurrency: null,
            paymentDetails: null,
            paymentTxnId: String(body.txid),
            actionType: 'deposit',
            subject: {},
            counterparty: null,
            props: {},
            travelRule: null,
          },
          travelRule.inboundTransfer(body),
        );
        return recordAnswer(
          c,
          OPERATIONS['travelRule.registerInbound'],
          {
            transaction_id: transaction.uuid ?? null,
            txn_id: txnId,
            created: true,
            travel_rule: transaction.travel_rule ?? null,
          },
          201,
        );
      },
    },
    'travelRule.createWidgetSession': {
      behaviour: 'stateful',
      what: 'a wallet-ownership widget token (its context readable until it expires)',
      handle: (c, { body }) => {
        const linked = typeof body.transaction_id === 'string' ? transactions.get(body.transaction_id) : undefined;
        const transferStatus = isJsonObject(linked?.travel_rule) ? String(linked.travel_rule.status) : null;
        const { token, session } = travelRule.openWidget(body, transferStatus);
        return recordAnswer(c, OPERATIONS['travelRule.createWidgetSession'], {
          widget_session_id: session.id,
          token,
          url: `${ctx.origin(c)}/travel-rule/widget/${token}`,
          expires_at: session.context.expires_at ?? null,
        });
      },
    },
    'travelRule.getWidgetContext': {
      behaviour: 'stateful',
      what: 'public: the widget’s context by token (404 unknown, 410 expired)',
      handle: (c, { params }) => {
        const session = travelRule.widget(params.token ?? '');
        if (!session) return notFound(c);
        if (ctx.now() >= session.expiresMs) return detail(c, 410, 'This widget session has expired.');
        return recordAnswer(c, OPERATIONS['travelRule.getWidgetContext'], session.context);
      },
    },
  };
}
