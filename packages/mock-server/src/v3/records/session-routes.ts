import type { Context } from 'hono';
import { detail, fieldErrors, notFound } from '../../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { exampleBody, personalise } from '../example-answer.ts';
import type { OperationRoute, OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS, type OperationKey } from '../operations.ts';
import type { V3Session } from '../store.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';

// The generated operations on sessions (core's hand-written table has the rest): the bulk imports
// (a job kept per id, its errors), and a reviewer's edits of a session's extracted data, which
// change the session's decision (so its next read, and its `data.updated` webhook, show them). An
// unknown session is Didit's 404, looked up before anything else.

export function sessionRoutes(ctx: RecordContext): OperationRoutes {
  const { imports } = ctx.records;
  const sessions = ctx.sessions;
  const op = (key: OperationKey) => OPERATIONS[key];
  /** The session, or Didit's 404. */
  const found = (c: Context, params: Readonly<Record<string, string>>): V3Session | Response =>
    sessions.get(params.sessionId ?? '') ?? notFound(c);
  /** Merges `body` into the first item of the decision's `block` (the fields it has), tells the webhooks. */
  const edit = (c: Context, session: V3Session, block: string, body: JsonObject, key: OperationKey): Response => {
    const items = session.decision[block];
    const item = Array.isArray(items) && isJsonObject(items[0]) ? items[0] : undefined;
    if (!item) return detail(c, 404, `This session has no ${block.replace(/_/g, ' ')} to update.`);
    const changed = Object.entries(body).filter(([field, value]) => field in item && value !== undefined);
    if (changed.length > 0) {
      const next = { ...item, ...Object.fromEntries(changed) } as JsonObject;
      sessions.update(session, { [block]: [next, ...(items as Json[]).slice(1)] });
      sessions.dataChanged(session);
    }
    const example = exampleBody(op(key)).body;
    const record = isJsonObject(example)
      ? { ...example, ...pick(item, example), ...Object.fromEntries(changed) }
      : item;
    return recordAnswer(c, op(key), record);
  };
  /** A route that merges its body into the decision's `block` (see `edit`), for a known session. */
  const dataEdit = (block: string, key: OperationKey, what: string): OperationRoute => ({
    behaviour: 'stateful',
    what,
    handle: (c, { params, body }) => {
      const session = found(c, params);
      return session instanceof Response ? session : edit(c, session, block, body, key);
    },
  });
  /** The hits of the session's AML screenings (changed in place), or Didit's 404 when it has none. */
  const amlHits = (c: Context, session: V3Session): JsonObject[] | Response => {
    const screenings = session.decision.aml_screenings;
    if (!Array.isArray(screenings) || screenings.length === 0) {
      return detail(c, 404, 'The session does not have an AML check.');
    }
    return screenings.filter(isJsonObject).flatMap((s) => (Array.isArray(s.hits) ? s.hits.filter(isJsonObject) : []));
  };
  /** The decision changed in place: its cached JSON goes, the webhooks hear of it. */
  const reviewed = (session: V3Session) => {
    sessions.update(session, { aml_screenings: session.decision.aml_screenings ?? null });
    sessions.dataChanged(session);
  };
  /** The documented answer once the session is known (the KYB edits). */
  const onSession =
    (key: OperationKey) =>
    (c: Context, { params, body }: { params: Readonly<Record<string, string>>; body: JsonObject }) => {
      const session = found(c, params);
      if (session instanceof Response) return session;
      const example = exampleBody(op(key)).body;
      return c.json(example === undefined ? {} : personalise(example, op(key), params, body));
    };

  return {
    'sessions.createImport': {
      behaviour: 'stateful',
      what: 'a bulk import job (kept: read it and its errors by id)',
      handle: (c, { body }) =>
        recordAnswer(c, op('sessions.createImport'), imports.create(body, { status: 'PENDING' }), 201),
    },
    'sessions.getImport': {
      behaviour: 'stateful',
      what: 'one import job; 404 for an unknown id',
      handle: (c, { params }) => {
        const job = imports.get(params.importId ?? '');
        return job ? recordAnswer(c, op('sessions.getImport'), job) : notFound(c);
      },
    },
    'sessions.listImportErrors': {
      behaviour: 'stateful',
      what: 'an import job’s row errors (none: the mock imports every row)',
      handle: (c, { params }) =>
        imports.get(params.importId ?? '')
          ? listAnswer(c, op('sessions.listImportErrors'), ctx.origin(c), [])
          : notFound(c),
    },
    'sessions.updateData': dataEdit(
      'id_verifications',
      'sessions.updateData',
      'changes the ID verification’s fields given, in the decision; `data.updated`',
    ),
    'sessions.updatePoaData': dataEdit(
      'poa_verifications',
      'sessions.updatePoaData',
      'changes the proof of address’s fields given, in the decision; `data.updated`',
    ),
    'sessions.updateAmlHitStatus': {
      behaviour: 'stateful',
      what: 'a reviewer’s verdict on one AML hit, in the decision; `data.updated`',
      handle: (c, { params, body }) => {
        const session = found(c, params);
        if (session instanceof Response) return session;
        const hits = amlHits(c, session);
        if (hits instanceof Response) return hits;
        const hitId = String(body.hit_id);
        const hit = hits.find((h) => h.id === hitId);
        if (!hit) return detail(c, 404, `Hit with ID '${hitId}' not found in the AML check.`);
        hit.review_status = String(body.review_status);
        reviewed(session);
        return c.json({ message: 'Hit status updated successfully', hit_id: hitId, review_status: hit.review_status });
      },
    },
    'sessions.bulkUpdateAmlHitStatus': {
      behaviour: 'stateful',
      what: 'reviewers’ verdicts on several AML hits, in the decision; `data.updated`',
      handle: (c, { params, body }) => {
        const session = found(c, params);
        if (session instanceof Response) return session;
        const hits = amlHits(c, session);
        if (hits instanceof Response) return hits;
        const updates = (Array.isArray(body.hit_updates) ? body.hit_updates : []).filter(isJsonObject);
        if (updates.length === 0) return fieldErrors(c, { hit_updates: ['hit_updates cannot be empty'] });
        const missing = updates.map((u) => String(u.hit_id)).filter((id) => !hits.some((h) => h.id === id));
        if (missing.length > 0) return detail(c, 404, `Hits not found: ${missing.join(', ')}`);
        for (const update of updates) {
          const hit = hits.find((h) => h.id === String(update.hit_id));
          if (hit) hit.review_status = String(update.review_status);
        }
        reviewed(session);
        return c.json({
          message: `Updated ${updates.length} hit(s) successfully`,
          updated_hits: updates.map((u) => String(u.hit_id)),
        });
      },
    },
    'sessions.updateKybCompanyData': {
      behaviour: 'example',
      what: 'Didit’s example for a known session; 404 for an unknown one',
      handle: onSession('sessions.updateKybCompanyData'),
    },
  };
}

/** The fields of `item` that `example` has too. */
function pick(item: JsonObject, example: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(item).filter(([field]) => field in example));
}
