'use client';

import { useCreateSession } from '@didit-kit/react';

/** Starts a session through the route handler (`prepareCreate` builds it) and goes to Didit's page. */
export function VerifyButton() {
  const create = useCreateSession({ onSuccess: (session) => window.location.assign(session.url) });
  return (
    <button type="button" disabled={create.isPending} onClick={() => create.mutate(undefined)}>
      Verify identity
    </button>
  );
}
