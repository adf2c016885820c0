import { randomToken } from '../../random.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';

// `/v3/billing/`: the balance the checks draw on, and top-ups (Didit answers a Stripe checkout;
// the mock credits the amount at once, as if it were paid).

export function billingRoutes(ctx: RecordContext): OperationRoutes {
  const { billing } = ctx.records;
  return {
    'billing.getBalance': {
      behaviour: 'stateful',
      what: 'the balance: it falls by each standalone check’s price (see Billing)',
      handle: (c) =>
        recordAnswer(c, OPERATIONS['billing.getBalance'], {
          balance: billing.balance,
          auto_refill_enabled: false,
          auto_refill_amount: null,
          auto_refill_threshold: null,
        }),
    },
    'billing.topUp': {
      behaviour: 'stateful',
      what: 'credits the amount at once (no payment) and answers a checkout session',
      handle: (c, { body }) => {
        const amount = typeof body.amount_in_dollars === 'number' ? body.amount_in_dollars : Number.NaN;
        if (!Number.isFinite(amount)) return c.json(['amount_in_dollars must be a number.'], 400);
        if (amount < 50) return c.json(['Amount must be at least $50.'], 400);
        billing.topUp(amount);
        const id = `cs_test_${randomToken(18)}`;
        return recordAnswer(c, OPERATIONS['billing.topUp'], {
          checkout_session_id: id,
          checkout_session_url: `https://checkout.stripe.com/c/pay/${id}`,
        });
      },
    },
  };
}
