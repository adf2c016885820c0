import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The mock server's built-in decision fixtures, by session id: what each decision must deep-equal. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../packages/mock-server/fixtures/', import.meta.url));

export function loadFixtures(): Map<string, unknown> {
  const fixtures = new Map<string, unknown>();
  for (const file of readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const decision = JSON.parse(readFileSync(`${FIXTURES_DIR}${file}`, 'utf8')) as { session_id: string };
    fixtures.set(decision.session_id, decision);
  }
  return fixtures;
}
