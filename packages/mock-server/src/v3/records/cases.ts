import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { appendBounded, Collection } from './collection.ts';
import { CrudStore } from './crud.ts';

// Didit's cases (the organization routes under `/cases/`): a case with its checklist, its event log,
// and its notes, links and note attachments, each kept by case; case blueprints (`/cases/blueprints/`)
// say how a case resolves (a required note, a four-eyes checker). Every change of a case is logged
// as one of Didit's `CaseEvent`s.

/** Events kept per case. */
const MAX_EVENTS = 100;

/** Didit's built-in blueprint presets (`/cases/blueprints/presets/`). */
export const BLUEPRINT_PRESETS: readonly { preset_key: string; name: string; description: string }[] = [
  { preset_key: 'screening_hit', name: 'Screening hit', description: 'Review an AML screening hit.' },
  { preset_key: 'aml_investigation', name: 'AML investigation', description: 'Investigate AML risk in depth.' },
  { preset_key: 'suspicious_activity', name: 'Suspicious activity', description: 'Suspicious activity review.' },
  { preset_key: 'kyc', name: 'KYC review', description: 'Review a KYC verification.' },
];

/** The checklist a case gets when its blueprint has none. */
const DEFAULT_CHECKLIST = ['Review the subject’s verification', 'Check the screening results', 'Record the outcome'];

export class CaseStore {
  readonly #now: Clock;
  readonly cases: CrudStore;
  readonly notes: CrudStore;
  readonly links: CrudStore;
  readonly blueprints: CrudStore;
  /** s3_key -> the attachment (its case, name and size). */
  readonly attachments = new Collection<{ caseUuid: string; filename: string; fileSize: number }>();
  #number = 1;

  constructor(now: Clock) {
    this.#now = now;
    this.cases = new CrudStore({ idFields: ['uuid'], create: 'cases.create', now });
    this.notes = new CrudStore({ idFields: ['uuid'], create: 'cases.createNote', now });
    this.links = new CrudStore({ idFields: ['uuid'], create: 'cases.createLink', now });
    this.blueprints = new CrudStore({ idFields: ['uuid'], create: 'caseBlueprints.create', now });
  }

  reset(): void {
    this.cases.reset();
    this.notes.reset();
    this.links.reset();
    this.blueprints.reset();
    this.attachments.clear();
    this.#number = 1;
  }

  /** A new OPEN case: its number, subject, blueprint and checklist, and a CREATED event. */
  open(body: JsonObject, subject: Json): JsonObject {
    const blueprint = typeof body.blueprint === 'string' ? this.blueprints.get(body.blueprint) : undefined;
    const assignee =
      typeof body.assigned_to === 'string'
        ? { uuid: body.assigned_to, full_name: '', email: 'analyst@example.com' }
        : null;
    const record = this.cases.create(body, {
      case_number: `CASE-${String(this.#number++).padStart(5, '0')}`,
      status: 'OPEN',
      resolution: null,
      resolution_notes: null,
      resolved_at: null,
      resolved_by_email: null,
      pending_resolution: null,
      priority: typeof body.priority === 'string' ? body.priority : 'MEDIUM',
      source: 'MANUAL',
      tags: Array.isArray(body.tags) ? body.tags : [],
      subject,
      assigned_to: assignee,
      assigned_at: assignee ? isoMicros(this.#now()) : null,
      due_at: typeof body.due_at === 'string' ? body.due_at : null,
      metadata: {},
      blueprint: blueprint ?? null,
      events: [],
      checklist_items: this.#checklist(blueprint),
    });
    this.log(record, 'CREATED', { new_status: 'OPEN' });
    return record;
  }

  /** The case with its notes and links counted in (as its detail route shows it). */
  view(record: JsonObject): JsonObject {
    const id = String(record.uuid);
    const notes = this.notes.list((n) => n.case_uuid === id);
    const links = this.links.list((l) => l.case_uuid === id);
    return { ...record, notes, links, notes_count: notes.length, links_count: links.length };
  }

  /** A new status, with its event. */
  setStatus(record: JsonObject, status: string, event: string, metadata: JsonObject = {}): void {
    const previous = record.status;
    record.status = status;
    this.log(record, event, { previous_status: previous ?? null, new_status: status, metadata });
  }

  /** An entry of the case's event log. */
  log(record: JsonObject, eventType: string, fields: JsonObject = {}): void {
    const events = Array.isArray(record.events) ? record.events : [];
    record.events = appendBounded(
      events,
      {
        uuid: crypto.randomUUID(),
        event_type: eventType,
        actor_email: null,
        actor_name: 'API Client',
        previous_status: null,
        new_status: null,
        metadata: {},
        created_at: isoMicros(this.#now()),
        ...fields,
      },
      MAX_EVENTS,
    );
    record.updated_at = isoMicros(this.#now());
  }

  /** Deletes a case with its notes, links and attachments. */
  close(id: string): boolean {
    if (!this.cases.delete(id)) return false;
    for (const note of this.notes.list((n) => n.case_uuid === id)) this.notes.delete(String(note.uuid));
    for (const link of this.links.list((l) => l.case_uuid === id)) this.links.delete(String(link.uuid));
    return true;
  }

  #checklist(blueprint: JsonObject | undefined): JsonObject[] {
    const config = isJsonObject(blueprint?.content_config) ? blueprint.content_config : {};
    const checklist = isJsonObject(config.checklist) ? config.checklist : {};
    const labels = Array.isArray(checklist.items)
      ? checklist.items.map((item) => (isJsonObject(item) ? String(item.label ?? '') : String(item)))
      : DEFAULT_CHECKLIST;
    return labels.map((label, order) => ({
      uuid: crypto.randomUUID(),
      label,
      is_completed: false,
      completed_by: null,
      completed_at: null,
      order,
    }));
  }
}
