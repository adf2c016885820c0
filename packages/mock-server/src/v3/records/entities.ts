import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { statusOf } from '../../session-store.ts';
import type { RecordEventSink } from '../../webhooks/record-events.ts';
import { featureItems, first, LIST_FEATURES } from '../features.ts';
import type { V3Session, V3SessionStore } from '../store.ts';
import { appendBounded, Collection } from './collection.ts';

// Didit's Users and Businesses: one record per `vendor_data`, made by a session's `vendor_data`
// (a KYC session makes a User, a KYB session a Business) or by their own create routes, with a
// lifecycle status (ACTIVE, FLAGGED, BLOCKED) and an activity log. Their counters and features are
// read from the sessions with their `vendor_data` whenever they are shown, so they are always those
// of the session store. A BLOCKED one can start no session (v3/routes.ts asks `isBlocked`).

export type EntityKind = 'user' | 'business';
export type EntityStatus = 'ACTIVE' | 'FLAGGED' | 'BLOCKED';
export const ENTITY_STATUSES: readonly EntityStatus[] = ['ACTIVE', 'FLAGGED', 'BLOCKED'];

/** Activity-log entries kept per record (the oldest go first). */
const MAX_COMMENTS = 100;
/** Didit's limit of uploaded faces per User. */
export const MAX_FACES = 5;

export interface Entity {
  readonly kind: EntityKind;
  readonly didit_internal_id: string;
  vendor_data: string | null;
  status: EntityStatus;
  /** The profile as given (`display_name`, `full_name` or `legal_name`, `metadata`, ...). */
  profile: JsonObject;
  comments: JsonObject[];
  faces: JsonObject[];
  readonly created_at: string;
  updated_at: string;
}

/** Why a status changed, as Didit's `user.status.updated` says. */
export type StatusReason = 'api' | 'manual';

export interface EntityDeps {
  now: Clock;
  sessions: V3SessionStore;
  events: RecordEventSink;
}

/** The Users (`kind: 'user'`) or the Businesses (`'business'`) of the application. */
export class EntityStore {
  readonly kind: EntityKind;
  readonly #deps: EntityDeps;
  readonly #records = new Collection<Entity>();
  /** vendor_data -> didit_internal_id */
  readonly #byVendor = new Map<string, string>();

  constructor(kind: EntityKind, deps: EntityDeps) {
    this.kind = kind;
    this.#deps = deps;
  }

  reset(): void {
    this.#records.clear();
    this.#byVendor.clear();
  }

  byVendorData(vendorData: string): Entity | undefined {
    const id = this.#byVendor.get(vendorData);
    return id === undefined ? undefined : this.#records.get(id);
  }

  byId(id: string): Entity | undefined {
    return this.#records.get(id);
  }

  /** Every record, most recently active first (Didit orders by `last_session_at`). */
  list(): Entity[] {
    const index = this.#sessionIndex();
    const last = (e: Entity) => lastSessionAt(index.get(e.vendor_data ?? '') ?? []) ?? '';
    return this.#records
      .values()
      .reverse()
      .sort((a, b) => (last(a) < last(b) ? 1 : last(a) > last(b) ? -1 : 0));
  }

  /** A new record (the create route, or the first session with its `vendor_data`). */
  create(vendorData: string | null, profile: JsonObject, status: EntityStatus = 'ACTIVE'): Entity {
    const now = isoMicros(this.#deps.now());
    const entity: Entity = {
      kind: this.kind,
      didit_internal_id: crypto.randomUUID(),
      vendor_data: vendorData,
      status,
      profile: { metadata: {}, ...profile },
      comments: [],
      faces: [],
      created_at: now,
      updated_at: now,
    };
    this.#records.set(entity.didit_internal_id, entity);
    // A record pushed out by the cap leaves a stale index entry: dropped when it is looked up.
    if (vendorData !== null) this.#byVendor.set(vendorData, entity.didit_internal_id);
    this.#pruneIndex();
    this.#dataEvent(entity, Object.keys(entity.profile));
    return entity;
  }

  /** The record a session's `vendor_data` belongs to, made when it is the first. */
  ensure(vendorData: string): Entity {
    return this.byVendorData(vendorData) ?? this.create(vendorData, {});
  }

  /** Its counters changed (one of its sessions reached a decision): `*.data.updated`. */
  sessionsChanged(vendorData: string): void {
    const entity = this.byVendorData(vendorData);
    if (entity) {
      this.#dataEvent(entity, ['session_count', 'approved_count', 'declined_count', 'in_review_count', 'features']);
    }
  }

  /** PATCH: the fields given replace the old ones (`metadata` wholly); a `status` among them changes it too. */
  update(entity: Entity, changes: JsonObject): Entity {
    const { status, ...profile } = changes;
    const changed = Object.keys(profile).filter(
      (key) => JSON.stringify(entity.profile[key]) !== JSON.stringify(profile[key]),
    );
    if (changed.length > 0) {
      const previous: JsonObject = {};
      for (const key of changed) previous[key] = entity.profile[key] ?? null;
      Object.assign(entity.profile, profile);
      this.#comment(entity, {
        comment_type: changed.includes('metadata') && changed.length === 1 ? 'METADATA_UPDATED' : 'PROFILE_UPDATED',
        previous_value: previous,
        new_value: Object.fromEntries(changed.map((key) => [key, entity.profile[key] ?? null])),
        changed_fields: changed,
      });
      this.#dataEvent(entity, changed);
    }
    // The generic PATCH records no status activity (Didit's note), but the status does change.
    if (typeof status === 'string' && status !== entity.status) this.#setStatus(entity, status as EntityStatus, false);
    return entity;
  }

  /** `update-status`: a STATUS_CHANGED activity and `*.status.updated`. */
  setStatus(entity: Entity, status: EntityStatus, reason: StatusReason = 'api'): Entity {
    if (status !== entity.status) this.#setStatus(entity, status, true, reason);
    return entity;
  }

  /** A face image for a User's profile (at most `MAX_FACES`). */
  addFace(entity: Entity, face: JsonObject): JsonObject {
    entity.faces.push(face);
    this.#touch(entity);
    this.#dataEvent(entity, ['faces']);
    return face;
  }

  /** Hard delete; returns how many went. */
  deleteMany(selector: { all?: boolean; vendorData?: readonly string[]; ids?: readonly string[] }): number {
    const doomed = selector.all
      ? this.#records.values()
      : [
          ...(selector.vendorData ?? []).map((v) => this.byVendorData(v)),
          ...(selector.ids ?? []).map((id) => this.#records.get(id)),
        ].filter((e): e is Entity => e !== undefined);
    let deleted = 0;
    for (const entity of new Set(doomed)) {
      if (!this.#records.delete(entity.didit_internal_id)) continue;
      if (entity.vendor_data !== null) this.#byVendor.delete(entity.vendor_data);
      deleted++;
    }
    return deleted;
  }

  isBlocked(vendorData: string): boolean {
    return this.byVendorData(vendorData)?.status === 'BLOCKED';
  }

  /** The record as its detail route shows it (the list routes take their fields from it). */
  view(entity: Entity, index = this.#sessionIndex()): JsonObject {
    const sessions = entity.vendor_data === null ? [] : (index.get(entity.vendor_data) ?? []);
    const latest = sessions.at(-1);
    const features = latest ? featureStatuses(latest) : {};
    const count = (status: string) => sessions.filter((s) => statusOf(s) === status).length;
    const times = sessions.map((s) => String(s.decision.created_at ?? '')).filter(Boolean);
    const p = entity.profile;
    const fromId = latest ? first(latest.decision, 'id_verifications') : undefined;
    const name = this.kind === 'user' ? (p.full_name ?? fullName(fromId)) : (p.legal_name ?? null);
    const lastSession = times.at(-1) ?? null;
    const view: JsonObject = {
      didit_internal_id: entity.didit_internal_id,
      vendor_data: entity.vendor_data,
      display_name: p.display_name ?? null,
      effective_name: p.display_name ?? name ?? null,
      status: entity.status,
      metadata: isJsonObject(p.metadata) ? p.metadata : {},
      session_count: sessions.length,
      approved_count: count('Approved'),
      declined_count: count('Declined'),
      in_review_count: count('In Review'),
      features,
      features_list: Object.entries(features).map(([feature, status]) => ({ feature, status })),
      last_session_at: lastSession,
      first_session_at: times[0] ?? null,
      last_activity_at: lastSession !== null && lastSession > entity.updated_at ? lastSession : entity.updated_at,
      tags: [],
      comments: [...entity.comments].reverse(),
      created_at: entity.created_at,
      updated_at: entity.updated_at,
    };
    if (this.kind === 'user') {
      Object.assign(view, {
        full_name: name,
        date_of_birth: p.date_of_birth ?? fromId?.date_of_birth ?? null,
        portrait_image_url: fromId?.portrait_image ?? null,
        issuing_states: union(p.issuing_states, fromId?.issuing_state),
        approved_emails: union(p.approved_emails),
        approved_phones: union(p.approved_phones),
      });
    } else {
      Object.assign(view, {
        legal_name: name,
        registration_number: p.registration_number ?? null,
        country_code: p.country_code ?? null,
      });
    }
    return view;
  }

  /** The views of `entities`, reading the sessions once. */
  views(entities: readonly Entity[]): JsonObject[] {
    const index = this.#sessionIndex();
    return entities.map((entity) => this.view(entity, index));
  }

  #setStatus(entity: Entity, status: EntityStatus, logged: boolean, reason: StatusReason = 'api'): void {
    const previous = entity.status;
    entity.status = status;
    if (logged)
      this.#comment(entity, { comment_type: 'STATUS_CHANGED', previous_status: previous, new_status: status });
    else this.#touch(entity);
    this.#deps.events({
      type: `${this.kind}.status.updated`,
      subject: `${this.kind}:${entity.didit_internal_id}`,
      fields: { ...this.#keyFields(entity), previous_status: previous, reason, data: this.view(entity) },
    });
  }

  #comment(entity: Entity, fields: JsonObject): void {
    const activity: JsonObject = {
      uuid: crypto.randomUUID(),
      comment: null,
      actor_email: null,
      actor_name: 'API Client',
      previous_status: null,
      new_status: null,
      previous_value: null,
      new_value: null,
      changed_fields: [],
      metadata: null,
      mentioned_emails: [],
      created_at: isoMicros(this.#deps.now()),
      ...fields,
    };
    appendBounded(entity.comments, activity, MAX_COMMENTS);
    // Each entry of the activity log is also Didit's `activity.created` event.
    this.#deps.events({
      type: 'activity.created',
      subject: `${this.kind}:${entity.didit_internal_id}`,
      fields: { ...this.#keyFields(entity), entity_type: this.kind, activity },
    });
    this.#touch(entity);
  }

  #touch(entity: Entity): void {
    entity.updated_at = isoMicros(this.#deps.now());
  }

  #dataEvent(entity: Entity, changed: readonly string[]): void {
    this.#deps.events({
      type: `${this.kind}.data.updated`,
      subject: `${this.kind}:${entity.didit_internal_id}`,
      fields: { ...this.#keyFields(entity), changed_fields: [...changed], data: this.view(entity) },
    });
  }

  #keyFields(entity: Entity): JsonObject {
    return {
      vendor_data: entity.vendor_data,
      didit_internal_id: entity.didit_internal_id,
      status: entity.status,
      metadata: isJsonObject(entity.profile.metadata) ? entity.profile.metadata : {},
    };
  }

  /** This kind's sessions by `vendor_data`, oldest first. */
  #sessionIndex(): Map<string, V3Session[]> {
    const index = new Map<string, V3Session[]>();
    for (const session of this.#deps.sessions.list()) {
      const vendorData = session.decision.vendor_data;
      if (session.kind !== this.kind || typeof vendorData !== 'string') continue;
      const list = index.get(vendorData);
      if (list) list.push(session);
      else index.set(vendorData, [session]);
    }
    return index;
  }

  /** Index entries of records the cap pushed out. */
  #pruneIndex(): void {
    if (this.#byVendor.size <= this.#records.size) return;
    for (const [vendorData, id] of this.#byVendor) if (!this.#records.has(id)) this.#byVendor.delete(vendorData);
  }
}

/** The latest session's features, by the names Didit's Users and Businesses give them. */
function featureStatuses(session: V3Session): JsonObject {
  const out: JsonObject = {};
  if (session.kind === 'business') {
    if (session.decision.status !== 'Not Started') out.KYB = statusOf(session);
    return out;
  }
  for (const { array, item } of featureItems(session.decision)) {
    const name = LIST_FEATURES[array];
    if (name !== undefined && typeof item.status === 'string') out[name] = item.status;
  }
  return out;
}

function lastSessionAt(sessions: readonly V3Session[]): string | undefined {
  const last = sessions.at(-1)?.decision.created_at;
  return typeof last === 'string' ? last : undefined;
}

function fullName(id: JsonObject | undefined): Json {
  const name = [id?.first_name, id?.last_name].filter((part) => typeof part === 'string').join(' ');
  return name === '' ? null : name;
}

/** The strings of a stored list, with `extra` added once. */
function union(list: Json | undefined, extra?: Json): string[] {
  const items = Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
  if (typeof extra === 'string' && !items.includes(extra)) items.push(extra);
  return items;
}
