'use client';
import { useCreateSession } from '@didit-kit/react';
import { DiditVerification } from '@didit-kit/react/verification';
import { useState, useSyncExternalStore } from 'react';
import { VerificationStatus } from './verification-status';

type Flow = 'redirect' | 'embedded';

const noSubscription = () => () => {};

/** False in the server's HTML, true once React runs in the browser: a click before that would do nothing. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * "Verify identity": POST /api/didit/v3/session/ through the proxy, which creates the session for the signed-in
 * user. Then either Didit's hosted page (the browser leaves, and Didit sends it back to /verification), or the
 * same page inside this one (`<DiditVerification>`), with the result shown below it as it arrives.
 */
export function StartVerification() {
  const create = useCreateSession();
  const [flow, setFlow] = useState<Flow>('redirect');
  // Once the embedded flow has ended: its outcome, or why it could not run.
  const [ended, setEnded] = useState<{ failure?: string } | undefined>();
  const hydrated = useHydrated();

  function start(next: Flow) {
    setFlow(next);
    setEnded(undefined);
    create.mutate(undefined, {
      onSuccess: (session) => {
        if (next === 'redirect') window.location.assign(session.url);
      },
    });
  }

  const embedded = flow === 'embedded' ? create.data : undefined;
  const busy = !hydrated || create.isPending || (flow === 'redirect' && create.isSuccess);

  return (
    <section className="mt-6 flex flex-col gap-4">
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => start('redirect')}
          disabled={busy || embedded !== undefined}
          className="rounded-md bg-blue-600 px-4 py-2 font-medium text-white disabled:opacity-50"
        >
          Verify identity
        </button>
        <button
          type="button"
          onClick={() => start('embedded')}
          disabled={busy || embedded !== undefined}
          className="rounded-md border border-blue-600 px-4 py-2 font-medium text-blue-700 disabled:opacity-50 dark:text-blue-400"
        >
          Verify in this page
        </button>
      </div>
      {create.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not start the verification: {create.error.message}
        </p>
      ) : null}
      {embedded ? (
        <>
          {ended ? null : (
            <DiditVerification
              url={embedded.url}
              sessionId={embedded.session_id}
              mode="embedded"
              className="h-[640px] w-full rounded-md border border-zinc-300 dark:border-zinc-700"
              onComplete={(result) => {
                if (result.type === 'cancelled') create.reset();
                else setEnded(result.type === 'failed' ? { failure: result.error?.message ?? 'unknown error' } : {});
              }}
            />
          )}
          {ended?.failure ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              The verification could not be opened: {ended.failure}
            </p>
          ) : null}
          <VerificationStatus sessionId={embedded.session_id} />
        </>
      ) : null}
    </section>
  );
}
