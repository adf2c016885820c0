// Every request and response example Didit's OpenAPI gives, for all 142 operations: each parses with
// the schema the client uses for it (the generated ones; the hand-written ones for the sessions
// family) and comes out unchanged. Responses go through the operation's own reader, as a call would,
// and must not be reported as drift: an example that only parses as drift would mean our schema and
// the spec disagree.
import { describe, expect, it } from 'vitest';
import type { ReadContext } from '../../src/request-options.ts';
import { endpointOf, examplesOf, is2xx, type Json, OPERATIONS, type SpecOperation, withFiles } from './api-spec.ts';

interface RequestCase {
  operation: string;
  name: string;
  o: SpecOperation;
  value: Json;
  /** The media type the example is given under (an operation may take JSON or multipart). */
  type: string;
}
interface ResponseCase extends RequestCase {
  status: number;
  type: string;
}

const requestCases: RequestCase[] = [];
const responseCases: ResponseCase[] = [];
for (const o of OPERATIONS) {
  const operation = `${o.method} ${o.path} (${o.resource}.${o.verb})`;
  for (const body of o.bodies) {
    for (const [name, value] of examplesOf(body.media))
      requestCases.push({ operation, name, o, value, type: body.type });
  }
  for (const [status, response] of Object.entries(o.responses)) {
    if (!is2xx(status)) continue;
    for (const [type, media] of Object.entries<object>(response.content ?? {})) {
      for (const [name, value] of examplesOf(media)) {
        responseCases.push({ operation, name, o, value, status: Number(status), type });
      }
    }
  }
}

describe("the spec's examples", () => {
  it('are all found: 101 request examples and 107 response examples, over 142 operations', () => {
    // A refreshed spec that adds or drops examples changes these counts: look at what changed.
    expect(OPERATIONS).toHaveLength(142);
    expect(requestCases).toHaveLength(101);
    expect(responseCases).toHaveLength(107);
  });

  it('have a schema to parse with, for every operation that takes or answers a body', () => {
    const missing = OPERATIONS.filter((o) => {
      const endpoint = endpointOf(o);
      return endpoint === undefined || (o.body !== undefined && endpoint.body === undefined);
    }).map((o) => o.operationId);
    expect(missing).toEqual([]);
  });
});

describe('every request example parses with our request schema and round-trips unchanged', () => {
  it.each(requestCases)('$operation, $type request "$name"', ({ o, value, type }) => {
    const schema = endpointOf(o)?.body;
    // The multipart examples write files as "(binary JPEG ...)": they are sent as files.
    const form = o.bodies.find((b) => b.type === type);
    const body = type === 'multipart/form-data' && form ? withFiles(form.schema, value as Record<string, Json>) : value;
    const result = schema?.safeParse(body);
    expect(result?.error?.issues ?? [], 'issues').toEqual([]);
    expect(result?.data).toEqual(body);
  });
});

describe('every 2xx response example is read by the operation as it is, with no drift', () => {
  it.each(responseCases)('$operation, $status "$name"', async ({ o, value, status, type }) => {
    const endpoint = endpointOf(o);
    const drifted: string[] = [];
    const context: ReadContext = { drift: (_, paths) => drifted.push(...paths) };
    const body = typeof value === 'string' && !type.includes('json') ? value : JSON.stringify(value);
    const response = new Response(body, { status, headers: { 'content-type': type } });
    const read = await endpoint?.read(
      {
        status,
        header: (name) => response.headers.get(name),
        text: () => response.text(),
        bytes: async () => new Uint8Array(await response.arrayBuffer()),
      },
      undefined,
      context,
    );
    expect(drifted).toEqual([]);
    expect(read).toEqual(value);
  });
});
