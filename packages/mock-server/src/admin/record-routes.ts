import { detail, fieldErrors, notFound } from '../drf.ts';
import type { Guard, RouteTable } from '../routing.ts';
import type { Records } from '../v3/records/record-context.ts';
import { TRANSACTION_STATUSES, type TransactionStatus } from '../v3/records/transactions.ts';
import { readJsonObject } from '../validation.ts';

// `/__mock/...` shortcuts to the v3 records besides sessions: what Didit would send someone else
// (the Travel Rule pickup links it emails to a counterparty VASP, the email and phone codes), and the
// billing balance to set.

export function registerRecordAdminRoutes(routes: RouteTable, records: Records, guard: Guard): void {
  routes.define(
    '/__mock/travel-rule/pickups',
    {
      GET: (c) =>
        c.json({
          pickups: records.travelRule.pickups().map(({ token, transactionId }) => ({
            token,
            transaction_id: transactionId,
            path: `/v3/travel-rule/pickup/${token}/`,
          })),
        }),
    },
    { guard },
  );
  // No email or SMS leaves the mock: the codes the email and phone checks sent are read here.
  routes.define(
    '/__mock/verification-codes',
    {
      GET: (c) =>
        c.json({
          codes: records.codes.list().map((sent) => ({
            channel: sent.channel,
            to: sent.to,
            code: sent.code,
            sent_at: sent.sentAt,
            expires_at: new Date(sent.expiresMs).toISOString(),
            attempts: sent.attempts,
            state: sent.state,
          })),
        }),
    },
    { guard },
  );
  // An analyst's decision on a transaction (Didit's console): `transaction.status.updated`.
  routes.define(
    '/__mock/transactions/:uuid/status',
    {
      POST: async (c) => {
        const transaction = records.transactions.get(c.req.param('uuid') ?? '');
        if (!transaction) return notFound(c);
        const read = await readJsonObject(c);
        if (!read.ok) return read.response;
        const status = read.value.status;
        if (!TRANSACTION_STATUSES.includes(status as TransactionStatus)) {
          return fieldErrors(c, { status: [`One of ${TRANSACTION_STATUSES.join(', ')}.`] });
        }
        records.transactions.setStatus(transaction, status as TransactionStatus, 'manual');
        return c.json({ uuid: transaction.uuid ?? null, status: transaction.status ?? null });
      },
    },
    { guard },
  );
  routes.define(
    '/__mock/billing',
    {
      GET: (c) => c.json({ balance: records.billing.balance }),
      POST: async (c) => {
        const read = await readJsonObject(c);
        if (!read.ok) return read.response;
        const balance = read.value.balance;
        if (typeof balance !== 'number' || !Number.isFinite(balance) || balance < 0) {
          return detail(c, 400, '`balance` must be a number of USD >= 0.');
        }
        records.billing.set(balance);
        return c.json({ balance: records.billing.balance });
      },
    },
    { guard },
  );
}
