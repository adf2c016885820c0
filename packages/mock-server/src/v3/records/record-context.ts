import type { Context } from 'hono';
import type { Clock } from '../../clock.ts';
import type { Destinations } from '../../webhooks/destinations.ts';
import type { DeliveryQueue } from '../../webhooks/queue.ts';
import type { RecordEventSink } from '../../webhooks/record-events.ts';
import { VerificationCodes } from '../checks/verification-codes.ts';
import type { V3SessionStore } from '../store.ts';
import { Billing } from './billing.ts';
import { CaseStore } from './cases.ts';
import { CrudStore } from './crud.ts';
import { Customization } from './customization-routes.ts';
import { EntityStore } from './entities.ts';
import { TransactionTokens } from './transaction-tokens.ts';
import { TransactionStore } from './transactions.ts';
import { TravelRule } from './travel-rule.ts';
import { WorkflowStore } from './workflows.ts';

// What the record routes (v3/records/*-routes.ts) share: every store of the records Didit keeps
// besides sessions, made once per app, and the app's clock, origin, session store and webhook
// destinations. `reset()` puts every store back as it started (the admin reset).

/** Every v3 record store of one app. */
export interface Records {
  readonly billing: Billing;
  readonly cases: CaseStore;
  readonly users: EntityStore;
  readonly businesses: EntityStore;
  readonly questionnaires: CrudStore;
  /** Bulk session import jobs (`/v3/session/imports/`). */
  readonly imports: CrudStore;
  readonly reportTemplates: CrudStore;
  readonly reports: CrudStore;
  readonly transactions: TransactionStore;
  readonly tokens: TransactionTokens;
  readonly travelRule: TravelRule;
  readonly workflows: WorkflowStore;
  /** The hosted page's look (`/v3/customization/`). */
  readonly customization: Customization;
  /** The email and phone codes sent (the standalone checks). */
  readonly codes: VerificationCodes;
  /** Every store back as it started. */
  reset(): void;
}

export interface RecordsOptions {
  now: Clock;
  sessions: V3SessionStore;
  /** Where the records' changes go (the webhook sender's `sendRecordEvent`). */
  events: RecordEventSink;
  /** USD the billing balance starts at. */
  initialBalance?: number | undefined;
  /** Refuse sessions on workflow ids the mock does not hold (as Didit does), instead of making them. */
  strictWorkflows?: boolean | undefined;
  /** The mock's log: told of every email or phone code "sent", and of each workflow made for an unknown id. */
  log?: ((line: string) => void) | undefined;
}

/** The stores, empty (but for the default workflows and the starting balance). */
export function createRecords(options: RecordsOptions): Records {
  const { now, sessions, events } = options;
  const stores = {
    billing: new Billing(options.initialBalance),
    cases: new CaseStore(now),
    users: new EntityStore('user', { now, sessions, events }),
    businesses: new EntityStore('business', { now, sessions, events }),
    questionnaires: new CrudStore({
      idFields: ['questionnaire_id', 'questionnaire_group_id', 'uuid'],
      create: 'questionnaires.create',
      now,
    }),
    imports: new CrudStore({ idFields: ['uuid'], create: 'sessions.createImport', now }),
    reportTemplates: new CrudStore({ idFields: ['uuid'], create: 'reportTemplates.create', now }),
    reports: new CrudStore({ idFields: ['uuid'], create: 'regulatoryReports.create', now }),
    transactions: new TransactionStore(now, events),
    tokens: new TransactionTokens(now),
    travelRule: new TravelRule(now, events),
    workflows: new WorkflowStore(now, options.strictWorkflows ?? false, options.log),
    codes: new VerificationCodes(now, (sent) =>
      options.log?.(`${sent.channel} code ${sent.code} sent to ${sent.to} (valid 5 minutes; 123456 works too)`),
    ),
    customization: new Customization(),
  };
  return {
    ...stores,
    reset() {
      for (const store of Object.values(stores)) store.reset();
    },
  };
}

/** What each family's routes are made with. */
export interface RecordContext {
  readonly records: Records;
  readonly now: Clock;
  /** The mock's public origin for this request (absolute `next`/`previous` links, widget URLs). */
  readonly origin: (c: Context) => string;
  readonly sessions: V3SessionStore;
  readonly destinations: Destinations;
  readonly queue: DeliveryQueue;
}
