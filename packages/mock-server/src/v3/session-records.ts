import type { Context } from 'hono';
import { detail } from '../drf.ts';
import type { SessionChange } from '../session-store.ts';
import type { Records } from './records/record-context.ts';
import type { V3Session } from './store.ts';

// Where a v3 session meets the other records Didit keeps: a new session is refused, in Didit's
// words, on a workflow it does not hold (or deleted), for a BLOCKED `vendor_data`, or when the
// balance is empty; its workflow says whether it is a KYC or a KYB session; and its `vendor_data`
// makes (or counts towards) a User, or a Business for a KYB session.

/** Didit's 400 for a session on an empty balance (and for a standalone check: v3/checks/). */
export const INSUFFICIENT_CREDITS =
  "You don't have enough credits to perform this request. Please top up at https://business.didit.me";

/** What the sessions' create route asks of the records. */
export interface SessionRecords {
  /** A refusal of a new session, or the kind of session its workflow makes. */
  admit(c: Context, workflowId: string, vendorData: string | undefined): Response | { kind: 'user' | 'business' };
  /** A new session: its `vendor_data`'s User or Business is made when it is the first. */
  created(session: V3Session): void;
  /** Tells the Users or Businesses of a session's change (the store's `onChange`): their counters moved. */
  changed(change: SessionChange<V3Session>): void;
}

export function sessionRecords(records: Records): SessionRecords {
  return {
    admit(c, workflowId, vendorData) {
      const workflow = records.workflows.forSession(workflowId);
      if (workflow === undefined) return c.json({ workflow_id: 'Invalid workflow_id.' }, 400);
      const store = workflow.kind === 'business' ? records.businesses : records.users;
      if (vendorData !== undefined && store.isBlocked(vendorData)) {
        return c.json({ vendor_data: `This ${workflow.kind} is blocked and cannot start a new session.` }, 400);
      }
      if (!records.billing.hasCredit) return detail(c, 400, INSUFFICIENT_CREDITS);
      return { kind: workflow.kind };
    },
    created(session) {
      const vendorData = session.decision.vendor_data;
      if (typeof vendorData === 'string' && vendorData !== '') storeOf(records, session).ensure(vendorData);
    },
    changed({ session, type }) {
      const vendorData = session.decision.vendor_data;
      if (type !== 'status.updated' || typeof vendorData !== 'string' || vendorData === '') return;
      storeOf(records, session).sessionsChanged(vendorData);
    },
  };
}

function storeOf(records: Records, session: V3Session) {
  return session.kind === 'business' ? records.businesses : records.users;
}
