import { vi } from 'vitest';

/** Runs the (fake) clock until `promise` settles, then returns how it settled. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}
