'use client';

import { useSessionDecision } from '@didit-kit/react';

export function Decision({ sessionId }: { sessionId: string }) {
  const { data, error } = useSessionDecision(sessionId);
  if (error) return <p id="status">Error: {error.message}</p>;
  if (!data) return <p id="status">Loading…</p>;
  return <p id="status">{data.status}</p>;
}
