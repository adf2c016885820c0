import { expect } from 'vitest';
import { describeFailure, type RunResult, run } from './exec.ts';

/** What consumers/call-api.{mjs,cjs} print after calling the mock server. */
export interface ConsumerResult {
  runtime: string;
  moduleSystem: 'esm' | 'cjs';
  status: string;
  terminal: boolean;
  amlHits: number;
  amlCaption: string | null;
  schemaAccepts: boolean;
  queryStatus: string;
  proxyStatus: string;
  proxyAmlHits: number;
  queryKeyMatches: boolean;
  notFound: { isDiditError: boolean; instanceOfNotFoundError: boolean; status: number | null };
  secretInJson: boolean;
}

/** Runs a consumer script and returns its `SMOKE_RESULT`, or throws with everything it printed. */
export async function runConsumer(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<ConsumerResult> {
  const result: RunResult = await run(command, args, { ...options, timeoutMs: 90_000 });
  const line = result.stdout.split('\n').find((text) => text.startsWith('SMOKE_RESULT '));
  if (result.code !== 0 || !line) throw new Error(describeFailure(command, args, result));
  return JSON.parse(line.slice('SMOKE_RESULT '.length)) as ConsumerResult;
}

/**
 * The seed decision came back validated three ways: from the mock server over HTTP, through the
 * React query factory, and through core/server's proxy route over the mock server's in-process app.
 */
export function expectSeedDecision(result: ConsumerResult, runtime: RegExp, moduleSystem: 'esm' | 'cjs'): void {
  expect(result.runtime).toMatch(runtime);
  expect(result.moduleSystem).toBe(moduleSystem);
  expect(result).toMatchObject({
    status: 'Declined',
    terminal: true,
    schemaAccepts: true,
    queryStatus: 'Declined',
    queryKeyMatches: true,
    proxyStatus: 'Declined',
    notFound: { isDiditError: true, instanceOfNotFoundError: true, status: 404 },
    secretInJson: false,
  });
  expect(result.amlHits).toBeGreaterThan(0);
  expect(result.proxyAmlHits).toBe(result.amlHits);
  expect(result.amlCaption).toBe('Kozlov Sergey Alexandrovich');
}
