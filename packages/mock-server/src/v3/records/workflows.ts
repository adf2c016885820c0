import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { randomToken } from '../../random.ts';
import { MOCK_KYB_WORKFLOW_ID } from '../application.ts';
import { Collection } from './collection.ts';

// Didit's workflows (`/v3/workflows/`): each a list of features a session runs, KYC or KYB (a
// workflow with `KYB_*` features makes business sessions). Two are there from the start, the ids
// the mock's docs and fixtures use: a default KYC workflow and a KYB one. A session names its
// workflow: a deleted one is refused with Didit's 400; one the mock has never seen is made on the
// spot (so an app keeps its real `workflow_id` against the mock), unless `strictWorkflows` asks for
// Didit's 400 there too.

/** The mock's default KYC workflow (`is_default`), the id its docs and fixtures use. */
export const MOCK_KYC_WORKFLOW_ID = 'd1d17000-0000-4000-8000-00000000f10a';

/** Illustrative price per feature, in USD (Didit's example prices OCR + LIVENESS + FACE_MATCH at 0.15). */
const FEATURE_PRICE = 0.05;
/** Deleted ids remembered (so a session on one is refused), at most this many. */
const MAX_TOMBSTONES = 10_000;

/** The top-level fields Didit's v3 workflow API takes (any other is a 400, as its example shows). */
export const WORKFLOW_FIELDS: readonly string[] = [
  'workflow_label',
  'is_default',
  'status',
  'features',
  'is_white_label_enabled',
  'is_desktop_allowed',
  'max_retry_attempts',
  'retry_window_days',
  'session_expiration_time',
  'face_liveness_max_attempts',
  'face_match_max_attempts',
];

/** Features that need one of these earlier in the list. */
export const FEATURE_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  FACE_MATCH: ['OCR'],
  NFC: ['OCR'],
};

export interface Workflow {
  readonly id: string;
  kind: 'user' | 'business';
  /** What the API shows. */
  record: JsonObject;
}

export class WorkflowStore {
  readonly #now: Clock;
  readonly #strict: boolean;
  readonly #log: ((line: string) => void) | undefined;
  readonly #workflows = new Collection<Workflow>();
  readonly #deleted = new Collection<true>(MAX_TOMBSTONES);

  /** `log` is told when an unknown id is made a workflow: where the mock is kinder than Didit, it says so. */
  constructor(now: Clock, strict: boolean, log?: (line: string) => void) {
    this.#now = now;
    this.#strict = strict;
    this.#log = log;
    this.reset();
  }

  reset(): void {
    this.#workflows.clear();
    this.#deleted.clear();
    this.#add(MOCK_KYC_WORKFLOW_ID, {
      workflow_label: 'Standard KYC',
      is_default: true,
      features: ['OCR', 'LIVENESS', 'FACE_MATCH', 'AML'].map((feature) => ({ feature })),
    });
    this.#add(MOCK_KYB_WORKFLOW_ID, {
      workflow_label: 'Standard KYB',
      features: ['KYB_REGISTRY', 'KYB_DOCUMENTS', 'KYB_KEY_PEOPLE'].map((feature) => ({ feature })),
    });
  }

  get(id: string): Workflow | undefined {
    return this.#workflows.get(id);
  }

  /** Newest first. */
  list(): Workflow[] {
    return this.#workflows.values().reverse();
  }

  create(body: JsonObject): Workflow {
    return this.#add(crypto.randomUUID(), body);
  }

  /** PATCH: the fields given; new features make a new version (same id in the mock). */
  update(workflow: Workflow, body: JsonObject): Workflow {
    const record = workflow.record;
    const featuresChanged = Array.isArray(body.features);
    Object.assign(record, settings(body));
    if (featuresChanged) applyFeatures(workflow, body.features as Json[]);
    if (body.is_default === true) this.#onlyDefault(workflow);
    if (featuresChanged || body.status === 'published') record.version = Number(record.version ?? 1) + 1;
    if (body.status === 'published') record.published_at = isoMicros(this.#now());
    record.updated_at = isoMicros(this.#now());
    return workflow;
  }

  delete(id: string): boolean {
    if (!this.#workflows.delete(id)) return false;
    this.#deleted.set(id, true);
    return true;
  }

  /**
   * The workflow a new session runs, or undefined when Didit would refuse its id: a deleted one,
   * and with `strictWorkflows` any the mock does not hold. Otherwise an id never seen is made a KYC
   * workflow (KYB for the mock's KYB id), as if created in the console.
   */
  forSession(id: string): Workflow | undefined {
    const known = this.#workflows.get(id);
    if (known) return known;
    if (this.#strict || this.#deleted.has(id)) return undefined;
    this.#log?.(
      `workflow_id ${id} is unknown: made it a KYC workflow for the session (Didit answers 400 ` +
        '{"workflow_id": "Invalid workflow_id."}, as the mock does with strictWorkflows / --strict-workflows)',
    );
    return this.#add(id, {
      workflow_label: 'Workflow (made by the mock for a session)',
      features: ['OCR', 'LIVENESS', 'FACE_MATCH'].map((feature) => ({ feature })),
    });
  }

  #add(id: string, body: JsonObject): Workflow {
    const now = isoMicros(this.#now());
    const record: JsonObject = {
      uuid: id,
      workflow_id: id,
      workflow_label: 'Workflow',
      workflow_type: 'kyc',
      is_default: false,
      is_archived: false,
      is_white_label_enabled: false,
      is_desktop_allowed: true,
      is_simple_workflow: true,
      is_editable: true,
      workflow_url: `https://verify.didit.me/u/${randomToken(16)}`,
      max_retry_attempts: 3,
      retry_window_days: 7,
      session_expiration_time: 604800,
      face_liveness_max_attempts: 3,
      face_match_max_attempts: 3,
      version: 1,
      status: 'published',
      has_draft: false,
      created_by: null,
      published_at: now,
      created_at: now,
      updated_at: now,
      ...settings(body),
    };
    const workflow: Workflow = { id, kind: 'user', record };
    applyFeatures(workflow, Array.isArray(body.features) ? body.features : []);
    if (record.status === 'draft') record.published_at = null;
    this.#workflows.set(id, workflow);
    if (body.is_default === true) this.#onlyDefault(workflow);
    return workflow;
  }

  #onlyDefault(workflow: Workflow): void {
    for (const other of this.#workflows.values()) other.record.is_default = other === workflow;
  }
}

/** The body's settings (every field but `features`, which `applyFeatures` reads). */
function settings(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of WORKFLOW_FIELDS) {
    if (field !== 'features' && body[field] !== undefined) out[field] = body[field]!;
  }
  return out;
}

/** The features as Didit shows them: `"OCR + LIVENESS"`, prices, the graph, KYC or KYB. */
function applyFeatures(workflow: Workflow, features: readonly Json[]): void {
  const names = features.map((f) => (isJsonObject(f) ? String(f.feature) : String(f)));
  const record = workflow.record;
  const kyb = names.some((name) => name.startsWith('KYB_'));
  workflow.kind = kyb ? 'business' : 'user';
  const price = Math.round(names.length * FEATURE_PRICE * 100) / 100;
  Object.assign(record, {
    workflow_type: kyb ? 'kyb' : 'kyc',
    features: names.join(' + '),
    feature_configs: features.map((f) => (isJsonObject(f) ? f : { feature: f })),
    total_price: price,
    min_price: price,
    max_price: price,
    workflow_graph: {
      start_node: names[0]?.toLowerCase() ?? null,
      nodes: Object.fromEntries(
        names.map((name, i) => [name.toLowerCase(), { feature: name, next: names[i + 1]?.toLowerCase() ?? 'status' }]),
      ),
    },
  });
}
