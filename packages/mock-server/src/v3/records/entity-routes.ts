import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isoMicros } from '../../clock.ts';
import { detail, fieldErrors, notFound } from '../../drf.ts';
import type { JsonObject } from '../../json.ts';
import type { MockEnv } from '../../routing.ts';
import { MEDIA_HOST } from '../example-answer.ts';
import type { OperationInput, OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { documentedBody } from '../spec/openapi.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import { type EntityKind, type EntityStatus, type EntityStore, MAX_FACES } from './entities.ts';
import type { RecordContext } from './record-context.ts';

// The routes of Didit's Users (`/v3/users/...`) and Businesses (`/v3/businesses/...`): the same
// verbs on the two stores of entities.ts, plus a User's uploaded faces.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BAD_DATE = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';
const BAD_METADATA = 'Metadata must be a JSON object.';

/** The profile fields a create or PATCH body may set, per kind. */
const PROFILE_FIELDS: Readonly<Record<EntityKind, readonly string[]>> = {
  user: [
    'full_name',
    'display_name',
    'date_of_birth',
    'metadata',
    'approved_emails',
    'approved_phones',
    'issuing_states',
  ],
  business: ['display_name', 'legal_name', 'registration_number', 'country_code', 'metadata'],
};

function profileOf(kind: EntityKind, body: JsonObject): JsonObject {
  const profile: JsonObject = {};
  for (const field of PROFILE_FIELDS[kind]) if (body[field] !== undefined) profile[field] = body[field]!;
  return profile;
}

/** DRF's messages for the values core's schemas let through but Didit refuses. */
function invalid(c: Context, body: JsonObject): Response | undefined {
  if (typeof body.date_of_birth === 'string' && !DATE.test(body.date_of_birth)) {
    return fieldErrors(c, { date_of_birth: [BAD_DATE] });
  }
  if (
    'metadata' in body &&
    body.metadata !== null &&
    (typeof body.metadata !== 'object' || Array.isArray(body.metadata))
  ) {
    return fieldErrors(c, { metadata: [BAD_METADATA] });
  }
  return undefined;
}

export function entityRoutes(ctx: RecordContext): OperationRoutes {
  const { users, businesses } = ctx.records;
  return {
    ...familyRoutes('users', users, ctx),
    ...familyRoutes('businesses', businesses, ctx),
    'users.uploadFace': {
      behaviour: 'stateful',
      what: "adds the face to the User's profile (at most 5), `user.data.updated`",
      handle: (c, { params, body }) => {
        const user = users.byId(params.didit_internal_id ?? '');
        if (!user) return notFound(c);
        const endpoint = OPERATIONS['users.uploadFace'];
        const image = String(body.image);
        const bytes = base64Length(image);
        if (bytes === undefined) {
          return c.json(documentedBody(endpoint.method, endpoint.path, 400, 'No face') ?? {}, 400);
        }
        if (bytes > 2 * 1024 * 1024) {
          return c.json(documentedBody(endpoint.method, endpoint.path, 400, 'Too large') ?? {}, 400);
        }
        if (user.faces.length >= MAX_FACES) return detail(c, 400, 'Maximum of 5 faces per user reached.');
        const uuid = crypto.randomUUID();
        const face = users.addFace(user, {
          uuid,
          image_url: `https://${MEDIA_HOST}/faces/${uuid}.jpg`,
          comment: typeof body.comment === 'string' ? body.comment : null,
          uploaded_by: 'API Client',
          created_at: isoMicros(ctx.now()),
        });
        return recordAnswer(c, endpoint, face);
      },
    },
  };
}

function familyRoutes(family: 'users' | 'businesses', store: EntityStore, ctx: RecordContext): OperationRoutes {
  const kind = store.kind;
  const noun = kind === 'user' ? 'user' : 'business';
  const op = (verb: 'list' | 'get' | 'update' | 'updateStatus' | 'deleteMany' | 'create') =>
    OPERATIONS[`${family}.${verb}` as const];
  const find = (vendorData: string | undefined) => store.byVendorData(vendorData ?? '');
  return {
    [`${family}.list`]: {
      behaviour: 'stateful',
      what: `every ${noun} (made by sessions' \`vendor_data\` or by create), counters from their sessions`,
      handle: (c: Context<MockEnv>) => listAnswer(c, op('list'), ctx.origin(c), store.views(store.list())),
    },
    [`${family}.get`]: {
      behaviour: 'stateful',
      what: `one ${noun} by \`vendor_data\`, with its activity log`,
      handle: (c: Context<MockEnv>, { params }: OperationInput) => {
        const entity = find(params.vendor_data);
        return entity ? recordAnswer(c, op('get'), store.view(entity)) : notFound(c);
      },
    },
    [`${family}.create`]: {
      behaviour: 'stateful',
      what: `a new ${noun}; a taken \`vendor_data\` is refused; \`${kind}.data.updated\``,
      handle: (c: Context<MockEnv>, { body }: OperationInput) => {
        const bad = invalid(c, body);
        if (bad) return bad;
        const vendorData = typeof body.vendor_data === 'string' ? body.vendor_data : null;
        if (vendorData !== null && store.byVendorData(vendorData)) {
          return fieldErrors(c, { vendor_data: [`A ${noun} with this vendor_data already exists.`] });
        }
        const entity = store.create(vendorData, profileOf(kind, body), body.status as EntityStatus | undefined);
        return recordAnswer(c, op('create'), store.view(entity));
      },
    },
    [`${family}.update`]: {
      behaviour: 'stateful',
      what: `changes the fields given (\`metadata\` wholly); \`${kind}.data.updated\``,
      handle: (c: Context<MockEnv>, { params, body }: OperationInput) => {
        const entity = find(params.vendor_data);
        if (!entity) return notFound(c);
        const bad = invalid(c, body);
        if (bad) return bad;
        const changes = profileOf(kind, body);
        if (typeof body.status === 'string') changes.status = body.status;
        store.update(entity, changes);
        return recordAnswer(c, op('update'), store.view(entity));
      },
    },
    [`${family}.updateStatus`]: {
      behaviour: 'stateful',
      what: `ACTIVE, FLAGGED or BLOCKED (a BLOCKED one starts no session); \`${kind}.status.updated\``,
      handle: (c: Context<MockEnv>, { params, body }: OperationInput) => {
        const entity = find(params.vendor_data);
        if (!entity) return notFound(c);
        store.setStatus(entity, body.status as EntityStatus);
        return recordAnswer(c, op('updateStatus'), store.view(entity));
      },
    },
    [`${family}.deleteMany`]: {
      behaviour: 'stateful',
      what: `hard-deletes the ${family} listed (or all); answers how many`,
      handle: (c: Context<MockEnv>, { body }: OperationInput) => {
        const vendorData = Array.isArray(body.vendor_data_list) ? (body.vendor_data_list as string[]) : [];
        const ids = Array.isArray(body.didit_internal_id_list) ? (body.didit_internal_id_list as string[]) : [];
        const all = body.delete_all === true;
        if (!all && vendorData.length === 0 && ids.length === 0) {
          const endpoint = op('deleteMany');
          return c.json(documentedBody(endpoint.method, endpoint.path, 400) ?? [], 400 as ContentfulStatusCode);
        }
        const deleted = store.deleteMany({ all, vendorData, ids: kind === 'business' ? ids : [] });
        return recordAnswer(c, op('deleteMany'), { deleted });
      },
    },
  };
}

/** The decoded size of a base64 image (no `data:` prefix), or undefined when it is not base64. */
function base64Length(text: string): number | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean === '' || clean.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return undefined;
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
}
