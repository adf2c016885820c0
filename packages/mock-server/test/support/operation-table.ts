import { Timers } from '../../src/timers.ts';
import { checkRoutes } from '../../src/v3/checks/routes.ts';
import { loadV3Fixtures } from '../../src/v3/fixtures.ts';
import { type OperationRoute, operationRoutes } from '../../src/v3/operation-routes.ts';
import { OPERATION_KEYS, OPERATIONS } from '../../src/v3/operations.ts';
import { createRecords } from '../../src/v3/records/record-context.ts';
import { recordRoutes } from '../../src/v3/records/routes.ts';
import { specOperations } from '../../src/v3/spec/openapi.ts';
import { V3SessionStore } from '../../src/v3/store.ts';
import { Destinations } from '../../src/webhooks/destinations.ts';
import { DeliveryQueue } from '../../src/webhooks/queue.ts';

// The README's table of what the mock serves, one row per operation of Didit's spec: built from the
// routes themselves (each says how it answers), so the README cannot drift from the code.

/** The sessions API (core's hand-written `v3Endpoints`, served by v3/routes.ts). */
const SESSIONS: Readonly<Record<string, string>> = {
  'POST /v3/session/':
    'a session (or the unfinished one of its `vendor_data`), its hosted page; checks the workflow, a BLOCKED User, the balance',
  'GET /v3/session/{sessionId}/decision/':
    'the decision as the session stands (fixtures, hosted page, `sandbox_scenario`)',
  'GET /v3/sessions/': 'every session, filtered and paged as Didit does',
  'DELETE /v3/session/{sessionId}/delete/': 'deletes it',
  'POST /v3/sessions/delete/': 'deletes those listed (or all)',
  'PATCH /v3/session/{sessionId}/update-status/': 'a reviewer’s decision; `status.updated`',
  'PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/': 'one feature’s status; `data.updated`',
  'GET /v3/session/{sessionId}/generate-pdf/': 'a real PDF of the decision',
  'POST /v3/session/{sessionId}/share/': 'a share token for another application',
  'POST /v3/session/import-shared/': 'a copy of a shared session',
  'GET /v3/sessions/{session_id}/reviews/': 'its review trail',
  'POST /v3/sessions/{session_id}/reviews/': 'adds a review',
  'POST /v3/session/{sessionId}/sandbox/arm/': 'arms a sandbox scenario on a Not Started session (`Session-Token`)',
};

export interface TableRow {
  operation: string;
  behaviour: 'stateful' | 'rule' | 'example';
  what: string;
}

export function operationTable(): TableRow[] {
  const now = () => Date.UTC(2026, 0, 1);
  const sessions = new V3SessionStore(loadV3Fixtures(), now);
  const records = createRecords({ now, sessions, events: () => undefined });
  const ctx = {
    records,
    now,
    origin: () => 'http://mock.test',
    sessions,
    destinations: new Destinations([], now),
    queue: new DeliveryQueue({ retryDelaysMs: [], now, timers: new Timers() }),
  };
  const routes = operationRoutes({ ...recordRoutes(ctx), ...checkRoutes(ctx) });
  const byOperation = new Map<string, OperationRoute>(
    OPERATION_KEYS.map((key) => [`${OPERATIONS[key].method} ${OPERATIONS[key].path}`, routes[key]]),
  );
  return specOperations().map(({ method, path }) => {
    const operation = `${method} ${path}`;
    const route = byOperation.get(operation);
    if (route) return { operation, behaviour: route.behaviour, what: route.what };
    const what = SESSIONS[operation];
    if (what === undefined) throw new Error(`no route describes ${operation}`);
    return { operation, behaviour: 'stateful', what };
  });
}

/** The table as Markdown. */
export function operationTableMarkdown(): string {
  const rows = operationTable().map(
    (row) => `| \`${row.operation}\` | ${row.behaviour} | ${row.what.replaceAll('|', '\\|')} |`,
  );
  return ['| operation | how | what the mock does |', '| --- | --- | --- |', ...rows].join('\n');
}
