import type { Context } from 'hono';
import { detail } from '../drf.ts';
import type { MockEnv, RouteHandler } from '../routing.ts';
import type { ApiKeyCheck } from '../v3/auth.ts';
import type { DeliveryLogEndpoint } from '../v3/routes.ts';
import type { V3SessionStore } from '../v3/store.ts';
import type { DeliveryQueue } from './queue.ts';
import { apiDelivery } from './views.ts';

// Didit's session webhook delivery log (`listSessionWebhooks`, `getSessionWebhook`,
// `resendSessionWebhook` in core's `v3Endpoints`), with `x-api-key` as Didit serves them.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeliveryLogDeps {
  queue: DeliveryQueue;
  store: V3SessionStore;
  auth: ApiKeyCheck;
}

export function deliveryLogHandlers(deps: DeliveryLogDeps): Record<DeliveryLogEndpoint, RouteHandler> {
  const { queue, store, auth } = deps;
  /** The key first, then the session. */
  const check = (c: Context<MockEnv>): Response | undefined => {
    const denied = auth(c);
    if (denied) return denied;
    const id = c.req.param('sessionId') ?? '';
    if (!UUID.test(id) || !store.get(id)) return detail(c, 404, 'Session not found.');
    return undefined;
  };
  const deliveries = (c: Context<MockEnv>) => queue.deliveriesOf(c.req.param('sessionId') ?? '');
  const find = (c: Context<MockEnv>) => deliveries(c).find((d) => d.id === c.req.param('deliveryId'));

  return {
    listSessionWebhooks: (c) => {
      const denied = check(c);
      if (denied) return denied;
      const rows = deliveries(c).map(apiDelivery).reverse();
      return c.json({ count: rows.length, results: rows });
    },
    getSessionWebhook: (c) => {
      const denied = check(c);
      if (denied) return denied;
      const delivery = find(c);
      return delivery ? c.json(apiDelivery(delivery)) : detail(c, 404, 'Webhook delivery not found.');
    },
    resendSessionWebhook: (c) => {
      const denied = check(c);
      if (denied) return denied;
      const delivery = find(c);
      if (!delivery) return detail(c, 404, 'Webhook delivery not found.');
      queue.resend(delivery);
      return c.json({ detail: 'Webhook queued for resend.', delivery: apiDelivery(delivery) }, 202);
    },
  };
}
