import type { Context } from 'hono';
import { isoMicros } from '../../clock.ts';
import { detail, notFound } from '../../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { exampleBody, MEDIA_HOST } from '../example-answer.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS, type OperationKey } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { EntityStatus } from './entities.ts';
import type { RecordContext } from './record-context.ts';

// The organization's cases (`/v3/organization/{org}/application/{app}/cases/...`): create, list,
// get, update, delete; the workflow verbs (assign, resolve with the blueprint's gates and four-eyes
// staging, approve or reject it, reopen, request info, escalate, transfer); notes with attachments,
// links, the checklist, the event log, the subject's AML hits, statistics and bulk changes. Any
// organization and application id is the mock's own.

export function caseRoutes(ctx: RecordContext): OperationRoutes {
  const { cases, users, businesses } = ctx.records;
  const op = (key: OperationKey) => OPERATIONS[key];
  const find = (id: string | undefined) => cases.cases.get(id ?? '');
  /** A route on one case: 404 when there is none. */
  const onCase =
    (
      handle: (c: Context, record: JsonObject, body: JsonObject, params: Readonly<Record<string, string>>) => Response,
    ) =>
    (c: Context, { params, body }: { params: Readonly<Record<string, string>>; body: JsonObject }) => {
      const record = find(params.case_uuid);
      return record ? handle(c, record, body, params) : notFound(c);
    };
  const answer = (key: OperationKey) => (c: Context, record: JsonObject) =>
    recordAnswer(c, op(key), cases.view(record));
  const subjectOf = (body: JsonObject): Json => {
    const subject = isJsonObject(body.subject) ? body.subject : undefined;
    if (!subject || typeof subject.uuid !== 'string') return null;
    const entity = subject.type === 'business' ? businesses.byId(subject.uuid) : users.byId(subject.uuid);
    const view = entity ? (subject.type === 'business' ? businesses : users).view(entity) : undefined;
    return {
      type: subject.type === 'business' ? 'business' : 'user',
      uuid: subject.uuid,
      name: String(view?.effective_name ?? ''),
      external_id: (view?.vendor_data ?? null) as Json,
    };
  };
  /** RESOLVED, or staged for the four-eyes checker when the blueprint has one. */
  const resolve = (record: JsonObject, resolution: Json, note: Json): string | undefined => {
    if (record.status === 'RESOLVED') return 'The case is already resolved.';
    const blueprint = isJsonObject(record.blueprint) ? record.blueprint : {};
    if (blueprint.require_resolution_note === true && (typeof note !== 'string' || note === '')) {
      return 'A resolution note is required by this blueprint.';
    }
    if (typeof blueprint.four_eyes_checker_blueprint === 'string' && record.pending_resolution === null) {
      record.pending_resolution = { resolution, notes: note ?? null, requested_at: isoMicros(ctx.now()) };
      cases.log(record, 'SUBMITTED_FOR_APPROVAL', { metadata: { resolution } });
      return undefined;
    }
    record.resolution = resolution;
    record.resolution_notes = note ?? null;
    record.resolved_at = isoMicros(ctx.now());
    record.pending_resolution = null;
    cases.setStatus(record, 'RESOLVED', 'RESOLVED', { resolution });
    return undefined;
  };
  const assign = (record: JsonObject, body: JsonObject) => {
    record.assigned_to = {
      uuid: String(body.assignee_user_id),
      full_name: typeof body.assignee_name === 'string' ? body.assignee_name : '',
      email: typeof body.assignee_email === 'string' ? body.assignee_email : 'analyst@example.com',
    };
    record.assigned_at = isoMicros(ctx.now());
    cases.log(record, 'ASSIGNED', { metadata: { assignee_user_id: body.assignee_user_id ?? null } });
  };
  /** The cases named by a bulk body, and a failure for each unknown one. */
  const bulk = (body: JsonObject, apply: (record: JsonObject) => string | undefined): JsonObject => {
    const failures: JsonObject[] = [];
    let updated = 0;
    for (const id of Array.isArray(body.case_uuids) ? body.case_uuids : []) {
      const record = find(String(id));
      const problem = record ? apply(record) : 'Case not found.';
      if (problem) failures.push({ case_uuid: String(id), detail: problem });
      else updated++;
    }
    return { updated, failures };
  };

  const routes: OperationRoutes = {
    'cases.list': {
      behaviour: 'stateful',
      what: 'every case, newest first',
      handle: (c) =>
        listAnswer(
          c,
          op('cases.list'),
          ctx.origin(c),
          cases.cases.list().map((r) => cases.view(r)),
        ),
    },
    'cases.create': {
      behaviour: 'stateful',
      what: 'an OPEN case with its number, subject (a User or Business), blueprint and checklist',
      handle: (c, { body }) => recordAnswer(c, op('cases.create'), cases.view(cases.open(body, subjectOf(body)))),
    },
    'cases.get': {
      behaviour: 'stateful',
      what: 'one case with its notes, links, events and checklist',
      handle: onCase(answer('cases.get')),
    },
    'cases.update': {
      behaviour: 'stateful',
      what: 'title, priority, due date, tags (each change logged)',
      handle: onCase((c, record, body) => {
        if (typeof body.priority === 'string' && body.priority !== record.priority)
          cases.log(record, 'PRIORITY_CHANGED');
        if (typeof body.due_at === 'string' && body.due_at !== record.due_at) cases.log(record, 'DUE_DATE_CHANGED');
        cases.cases.update(record, body, 'cases.update');
        return answer('cases.update')(c, record);
      }),
    },
    'cases.delete': {
      behaviour: 'stateful',
      what: 'deletes it with its notes and links',
      handle: (c, { params }) => (cases.close(params.case_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
    'cases.assign': {
      behaviour: 'stateful',
      what: 'assigns it (ASSIGNED)',
      handle: onCase((c, record, body) => {
        assign(record, body);
        return answer('cases.assign')(c, record);
      }),
    },
    'cases.resolve': {
      behaviour: 'stateful',
      what: 'RESOLVED, or staged for approval under a four-eyes blueprint; a required note is checked',
      handle: onCase((c, record, body) => {
        const problem = resolve(record, body.resolution ?? null, body.note ?? null);
        return problem ? detail(c, 400, problem) : answer('cases.resolve')(c, record);
      }),
    },
    'cases.reopen': {
      behaviour: 'stateful',
      what: 'back to OPEN (REOPENED)',
      handle: onCase((c, record) => {
        record.resolution = null;
        record.resolved_at = null;
        cases.setStatus(record, 'OPEN', 'REOPENED');
        return answer('cases.reopen')(c, record);
      }),
    },
    'cases.requestInfo': {
      behaviour: 'stateful',
      what: 'AWAITING_USER',
      handle: onCase((c, record) => {
        cases.setStatus(record, 'AWAITING_USER', 'STATUS_CHANGED');
        return answer('cases.requestInfo')(c, record);
      }),
    },
    'cases.escalate': {
      behaviour: 'stateful',
      what: 'to the blueprint’s escalation blueprint (ESCALATED)',
      handle: onCase((c, record) => {
        const blueprint = isJsonObject(record.blueprint) ? record.blueprint : {};
        const target =
          typeof blueprint.escalation_blueprint === 'string'
            ? cases.blueprints.get(blueprint.escalation_blueprint)
            : undefined;
        if (target) record.blueprint = target;
        cases.log(record, 'ESCALATED');
        return answer('cases.escalate')(c, record);
      }),
    },
    'cases.transfer': {
      behaviour: 'stateful',
      what: 'to another blueprint (TRANSFERRED); an unknown one is a 404',
      handle: onCase((c, record, body) => {
        const target = cases.blueprints.get(String(body.target_blueprint));
        if (!target) return notFound(c);
        record.blueprint = target;
        cases.log(record, 'TRANSFERRED', { metadata: { target_blueprint: target.uuid ?? null } });
        return answer('cases.transfer')(c, record);
      }),
    },
    'cases.approveResolution': {
      behaviour: 'stateful',
      what: 'applies a staged four-eyes resolution (409 when none is staged)',
      handle: onCase((c, record) => {
        const pending = isJsonObject(record.pending_resolution) ? record.pending_resolution : undefined;
        if (!pending) return c.json({ detail: 'There is no resolution awaiting approval.' }, 409);
        record.pending_resolution = null;
        record.resolution = pending.resolution ?? null;
        record.resolution_notes = pending.notes ?? null;
        record.resolved_at = isoMicros(ctx.now());
        cases.setStatus(record, 'RESOLVED', 'APPROVAL_GRANTED');
        return answer('cases.approveResolution')(c, record);
      }),
    },
    'cases.rejectResolution': {
      behaviour: 'stateful',
      what: 'drops a staged four-eyes resolution (409 when none is staged)',
      handle: onCase((c, record, body) => {
        if (!isJsonObject(record.pending_resolution)) {
          return c.json({ detail: 'There is no resolution awaiting approval.' }, 409);
        }
        record.pending_resolution = null;
        cases.log(record, 'APPROVAL_REJECTED', { metadata: { notes: body.notes ?? null } });
        return answer('cases.rejectResolution')(c, record);
      }),
    },
    'cases.applyEntityAction': {
      behaviour: 'stateful',
      what: 'acts on the subject: `set_status` changes the User’s or Business’s status; `add_note` adds a note',
      handle: onCase((c, record, body) => {
        const subject = isJsonObject(record.subject) ? record.subject : undefined;
        if (!subject) return detail(c, 400, 'The case has no subject.');
        const store = subject.type === 'business' ? businesses : users;
        const entity = store.byId(String(subject.uuid));
        const result: JsonObject = {
          entity_type: subject.type ?? 'user',
          entity_uuid: subject.uuid ?? null,
          action: body.action ?? null,
        };
        if (body.action === 'set_status') {
          if (typeof body.status !== 'string' || !['ACTIVE', 'FLAGGED', 'BLOCKED'].includes(body.status)) {
            return detail(c, 400, 'set_status needs a status: ACTIVE, FLAGGED or BLOCKED.');
          }
          if (entity) {
            result.previous_status = entity.status;
            store.setStatus(entity, body.status as EntityStatus, 'manual');
          }
          result.new_status = body.status;
        } else if (body.action === 'add_note') {
          const note = cases.notes.create(
            { comment: String(body.note ?? '') },
            { case_uuid: String(record.uuid), is_internal: true },
          );
          result.comment_uuid = note.uuid ?? null;
        } else if (body.action === 'add_tags') {
          result.tags_added = Array.isArray(body.tags) ? body.tags : [];
        }
        cases.log(record, 'ENTITY_ACTION', { metadata: result });
        return recordAnswer(c, op('cases.applyEntityAction'), result);
      }),
    },
    'cases.print': {
      behaviour: 'stateful',
      what: 'a (placeholder) URL of the case’s PDF',
      handle: onCase((c, record) =>
        recordAnswer(c, op('cases.print'), { url: `https://${MEDIA_HOST}/cases/${String(record.uuid)}.pdf` }),
      ),
    },
    'cases.listNotes': {
      behaviour: 'stateful',
      what: 'the case’s notes',
      handle: onCase((c, record) =>
        listAnswer(
          c,
          op('cases.listNotes'),
          ctx.origin(c),
          cases.notes.list((n) => n.case_uuid === record.uuid),
        ),
      ),
    },
    'cases.createNote': {
      behaviour: 'stateful',
      what: 'a note on the case (NOTE_ADDED)',
      handle: onCase((c, record, body) => {
        const note = cases.notes.create(body, {
          case_uuid: String(record.uuid),
          actor_email: null,
          actor_name: 'API Client',
        });
        cases.log(record, 'NOTE_ADDED');
        return recordAnswer(c, op('cases.createNote'), note);
      }),
    },
    'cases.deleteNote': {
      behaviour: 'stateful',
      what: 'deletes one of its notes',
      handle: onCase((c, record, _body, params) => {
        const note = cases.notes.get(params.note_uuid ?? '');
        if (!note || note.case_uuid !== record.uuid) return notFound(c);
        cases.notes.delete(String(note.uuid));
        return c.body(null, 204);
      }),
    },
    'cases.createNoteAttachmentUpload': {
      behaviour: 'stateful',
      what: 'stores an attachment’s name and size; answers its `s3_key` for a note',
      handle: onCase((c, record, body) => {
        const file = body.file as unknown;
        const filename = file instanceof File ? file.name : 'attachment';
        const fileSize = file instanceof Blob ? file.size : 0;
        const key = `cases/${String(record.uuid)}/${crypto.randomUUID()}/${filename}`;
        cases.attachments.set(key, { caseUuid: String(record.uuid), filename, fileSize });
        return recordAnswer(c, op('cases.createNoteAttachmentUpload'), {
          s3_key: key,
          url: `https://${MEDIA_HOST}/${encodeURI(key)}`,
          filename,
          file_size: fileSize,
        });
      }),
    },
    'cases.getNoteAttachmentUrl': {
      behaviour: 'stateful',
      what: 'a URL for one of its attachments (`?s3_key=`); 404 for another case’s',
      handle: onCase((c, record) => {
        const key = new URL(c.req.url).searchParams.get('s3_key') ?? '';
        const attachment = cases.attachments.get(key);
        if (!attachment || attachment.caseUuid !== record.uuid) return notFound(c);
        return recordAnswer(c, op('cases.getNoteAttachmentUrl'), {
          s3_key: key,
          url: `https://${MEDIA_HOST}/${encodeURI(key)}`,
          filename: attachment.filename,
        });
      }),
    },
    'cases.listLinks': {
      behaviour: 'stateful',
      what: 'the sessions and transactions linked to it',
      handle: onCase((c, record) =>
        listAnswer(
          c,
          op('cases.listLinks'),
          ctx.origin(c),
          cases.links.list((l) => l.case_uuid === record.uuid),
        ),
      ),
    },
    'cases.createLink': {
      behaviour: 'stateful',
      what: 'links a session, business session or transaction (LINK_ADDED)',
      handle: onCase((c, record, body) => {
        const link = cases.links.create(
          {},
          {
            case_uuid: String(record.uuid),
            linked_entity_type: body.entity_type ?? null,
            linked_entity_uuid: body.entity_uuid ?? null,
            linked_entity_summary: summaryOf(ctx, String(body.entity_type), String(body.entity_uuid)),
          },
        );
        cases.log(record, 'LINK_ADDED');
        return recordAnswer(c, op('cases.createLink'), link);
      }),
    },
    'cases.deleteLink': {
      behaviour: 'stateful',
      what: 'removes a link (LINK_REMOVED)',
      handle: onCase((c, record, _body, params) => {
        const link = cases.links.get(params.link_uuid ?? '');
        if (!link || link.case_uuid !== record.uuid) return notFound(c);
        cases.links.delete(String(link.uuid));
        cases.log(record, 'LINK_REMOVED');
        return c.body(null, 204);
      }),
    },
    'cases.listEvents': {
      behaviour: 'stateful',
      what: 'the case’s event log, newest first',
      handle: onCase((c, record) =>
        listAnswer(c, op('cases.listEvents'), ctx.origin(c), [...((record.events as JsonObject[]) ?? [])].reverse()),
      ),
    },
    'cases.listChecklist': {
      behaviour: 'stateful',
      what: 'the checklist (from the blueprint, else three default items)',
      handle: onCase((c, record) =>
        listAnswer(c, op('cases.listChecklist'), ctx.origin(c), (record.checklist_items as JsonObject[]) ?? []),
      ),
    },
    'cases.toggleChecklistItem': {
      behaviour: 'stateful',
      what: 'ticks or unticks an item (CHECKLIST_COMPLETED)',
      handle: onCase((c, record, body, params) => {
        const items = (record.checklist_items as JsonObject[]) ?? [];
        const item = items.find((i) => i.uuid === params.item_uuid);
        if (!item) return notFound(c);
        item.is_completed = body.is_completed === true;
        item.completed_by = item.is_completed ? 'analyst@example.com' : null;
        item.completed_at = item.is_completed ? isoMicros(ctx.now()) : null;
        if (item.is_completed) cases.log(record, 'CHECKLIST_COMPLETED', { metadata: { item_uuid: item.uuid ?? null } });
        return recordAnswer(c, op('cases.toggleChecklistItem'), item);
      }),
    },
    'cases.listAmlHits': {
      behaviour: 'stateful',
      what: 'the AML hits of the sessions linked to it',
      handle: onCase((c, record) => {
        const hits: JsonObject[] = [];
        for (const link of cases.links.list((l) => l.case_uuid === record.uuid)) {
          const session = ctx.sessions.get(String(link.linked_entity_uuid));
          const screenings = session?.decision.aml_screenings;
          for (const screening of Array.isArray(screenings) ? screenings : []) {
            if (isJsonObject(screening) && Array.isArray(screening.hits))
              hits.push(...screening.hits.filter(isJsonObject));
          }
        }
        return recordAnswer(c, op('cases.listAmlHits'), hits);
      }),
    },
    'cases.getStatistics': {
      behaviour: 'stateful',
      what: "Didit's example, with `totals` counted from the cases",
      handle: (c) => {
        const all = cases.cases.list();
        const base = recordBase('cases.getStatistics');
        const count = (status: string) => all.filter((r) => r.status === status).length;
        const totals = isJsonObject(base.totals) ? base.totals : {};
        for (const [key, status] of [
          ['open', 'OPEN'],
          ['awaiting_user', 'AWAITING_USER'],
          ['resolved', 'RESOLVED'],
        ] as const) {
          if (typeof totals[key] === 'number') totals[key] = count(status);
        }
        if (typeof totals.total === 'number') totals.total = all.length;
        return recordAnswer(c, op('cases.getStatistics'), { ...base, totals });
      },
    },
    'cases.bulkUpdateStatus': {
      behaviour: 'stateful',
      what: 'one status for several cases; failures per case',
      handle: (c, { body }) =>
        recordAnswer(
          c,
          op('cases.bulkUpdateStatus'),
          bulk(body, (record) => {
            if (body.status === 'RESOLVED') {
              if (body.resolution === undefined) return 'A resolution is required to resolve.';
              return resolve(record, body.resolution, body.note ?? null);
            }
            cases.setStatus(record, String(body.status), body.status === 'OPEN' ? 'REOPENED' : 'STATUS_CHANGED');
            return undefined;
          }),
        ),
    },
    'cases.bulkAssign': {
      behaviour: 'stateful',
      what: 'one assignee for several cases; failures per case',
      handle: (c, { body }) =>
        recordAnswer(
          c,
          op('cases.bulkAssign'),
          bulk(body, (record) => {
            assign(record, body);
            return undefined;
          }),
        ),
    },
  };
  return routes;
}

/** What a case link shows of the linked session or transaction (null when the mock does not hold it). */
function summaryOf(ctx: RecordContext, type: string, id: string): Json {
  if (type === 'transaction') {
    const transaction = ctx.records.transactions.get(id);
    return transaction ? { txn_id: transaction.txn_id ?? null, status: transaction.status ?? null } : null;
  }
  const session = ctx.sessions.get(id);
  return session
    ? { session_number: session.decision.session_number ?? null, status: session.decision.status ?? null }
    : null;
}

/** The operation's documented body, as a base to fill in. */
function recordBase(key: OperationKey): JsonObject {
  const example = exampleBody(OPERATIONS[key]).body;
  return isJsonObject(example) ? example : {};
}
