import { detail, fieldErrors, notFound } from '../drf.ts';
import type { Guard, RouteTable } from '../routing.ts';
import { readJsonObject } from '../validation.ts';
import { checkDestination, type Destinations, publicDestination } from '../webhooks/destinations.ts';

/** `/__mock/webhook-destinations`: list (no secrets), add (201 with the secret), get one, delete. */
export function registerDestinationRoutes(routes: RouteTable, destinations: Destinations, guard: Guard): void {
  routes.define(
    '/__mock/webhook-destinations',
    {
      GET: (c) => c.json({ destinations: destinations.list().map((d) => publicDestination(d, false)) }),
      POST: async (c) => {
        const read = await readJsonObject(c);
        if (!read.ok) return read.response;
        const body = read.value;
        const checked = checkDestination({
          url: body.url,
          secret: body.secret_shared_key ?? body.secret,
          webhookVersion: body.webhook_version ?? body.version,
          subscribedEvents: body.subscribed_events ?? body.events,
          label: body.label,
        });
        if (!checked.ok) return fieldErrors(c, checked.errors);
        const added = destinations.add(checked.value);
        if (!added) return detail(c, 400, 'Too many destinations: delete one first.');
        return c.json(publicDestination(added, true), 201);
      },
    },
    { guard },
  );
  routes.define(
    '/__mock/webhook-destinations/:id',
    {
      GET: (c) => {
        const destination = destinations.get(c.req.param('id') ?? '');
        return destination ? c.json(publicDestination(destination, true)) : notFound(c);
      },
      DELETE: (c) => (destinations.remove(c.req.param('id') ?? '') ? c.body(null, 204) : notFound(c)),
    },
    { guard },
  );
  // Didit rotates a secret in its console: for 24 hours deliveries are signed with the old one too.
  routes.define(
    '/__mock/webhook-destinations/:id/rotate-secret',
    {
      POST: (c) => {
        const destination = destinations.get(c.req.param('id') ?? '');
        return destination ? c.json(publicDestination(destinations.rotateSecret(destination), true)) : notFound(c);
      },
    },
    { guard },
  );
}
