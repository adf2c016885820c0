import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent } from '@didit-kit/core';

// A webhook destination for the mock's deliveries: a real HTTP server on 127.0.0.1.

/** One delivery as it arrived; with a secret, also what core's `verifyWebhook` made of it. */
export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  json: Record<string, unknown>;
  event?: WebhookEvent;
  error?: unknown;
}

export interface Receiver {
  /** Where to deliver: `http://127.0.0.1:{port}/hook`. */
  readonly url: string;
  /** Every delivery, in order. */
  readonly received: Received[];
  close(): Promise<void>;
}

/**
 * Keeps every delivery. With `secret`, each is verified with `verifyWebhook` (`event`, or `error`);
 * `answer` is the status for the delivery at that index (200 by default).
 */
export async function startReceiver(
  options: { secret?: () => string; answer?: (index: number) => number } = {},
): Promise<Receiver> {
  const { secret, answer = () => 200 } = options;
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { body, headers: req.headers, json: JSON.parse(body) as Record<string, unknown> };
      if (secret) {
        try {
          entry.event = await verifyWebhook({ body, headers: req.headers, secret: secret() });
        } catch (error) {
          entry.error = error;
        }
      }
      const status = answer(received.length);
      received.push(entry);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
