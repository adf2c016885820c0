import { DiditClient, type FetchLike } from '@didit-kit/core/v1';
import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { onTestFinished, vi } from 'vitest';
import { DiditProvider } from '../../src/index.ts';

export const APP_PROXY = 'http://app.test/api/didit';

interface ProvidersProps {
  queryClient: QueryClient;
  client: DiditClient;
  keyScope?: string | undefined;
  children?: ReactNode;
}

/** The tree an app puts around its components: TanStack's provider, then didit-kit's. */
export function Providers({ queryClient, client, keyScope, children }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <DiditProvider client={client} keyScope={keyScope}>
        {children}
      </DiditProvider>
    </QueryClientProvider>
  );
}

/** A browser-side set-up: a credential-less client pointed at the app's proxy route, in a provider. */
export function didit(fetch: FetchLike, options: { maxRetries?: number; baseUrl?: string; keyScope?: string } = {}) {
  const queryClient = new QueryClient();
  const client = new DiditClient({ baseUrl: options.baseUrl ?? APP_PROXY, fetch, maxRetries: options.maxRetries ?? 0 });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <Providers queryClient={queryClient} client={client} keyScope={options.keyScope}>
      {children}
    </Providers>
  );
  return { queryClient, client, wrapper };
}

/**
 * Fake time for TanStack's timers and the client's backoff; promises, microtasks and `setImmediate`
 * stay real so in-memory responses resolve. TanStack batches its notifications with `setTimeout(0)`,
 * which fake timers would hold back (and push 1 ms ahead when scheduled mid-tick), so its batches go
 * through `setImmediate` here: the clock then moves only when a test says so.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  notifyManager.setScheduler((callback) => setImmediate(callback));
}

/**
 * Moves the fake clock forward in small steps, letting pending responses and React updates through
 * between steps, so a chain (response, then backoff, then retry) plays out as it would in real time.
 */
export async function advance(ms: number, stepMs = 50): Promise<void> {
  await act(async () => {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      await vi.advanceTimersByTimeAsync(Math.min(stepMs, ms - elapsed));
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(0);
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
}

/**
 * Reads the fields tests look at during render. TanStack only re-renders for the result fields a
 * component has read, so a hook result read later, from a test, could be stale.
 */
export function snapshot<R extends { data: unknown; error: unknown; status: string; fetchStatus: string }>(result: R) {
  const { data, error, status, fetchStatus } = result;
  return { ...result, data, error, status, fetchStatus };
}

/**
 * For a test that makes a component throw on purpose: React reports such errors on the console,
 * and React 18 also as an uncaught error event, which jsdom prints unless it is prevented.
 */
export function silenceRenderErrors(): void {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const prevent = (event: Event) => event.preventDefault();
  window.addEventListener('error', prevent);
  onTestFinished(() => window.removeEventListener('error', prevent));
}
