import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionDecisionSchema } from '@didit-kit/core/v1';
import { v1ExamplePath } from '@didit-kit/test-kit/didit';
import { afterEach, describe, expect, it } from 'vitest';
import { readDecisionDir } from '../../src/fixture-dir.ts';
import { createMockApp, FIXTURE_SESSION_IDS, FixtureError } from '../../src/index.ts';
import { BUILT_IN_V1_FIXTURES } from '../../src/v1/built-in-fixtures.ts';
import { v1Fixtures } from '../../src/v1/fixtures.ts';
import { BUILT_IN_V3_FIXTURES } from '../../src/v3/built-in-fixtures.ts';
import { authedApp, SEED_ID } from '../helpers.ts';

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'didit-mock-fixtures-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The package's `fixtures/` folder. */
const builtInFixturesDir = () => fileURLToPath(new URL('../../fixtures/', import.meta.url));
const loadV1FixturesDir = (dir: string) => v1Fixtures(readDecisionDir(dir));
const seedText = readFileSync(join(builtInFixturesDir(), 'decision.declined-aml.json'), 'utf8');

describe('built-in fixtures', () => {
  it('are one per documented id, and each passes the core schema', () => {
    const fixtures = loadV1FixturesDir(builtInFixturesDir());
    expect(fixtures.map((f) => f.sessionId).sort()).toEqual(Object.values(FIXTURE_SESSION_IDS).sort());
    for (const fixture of fixtures) expect(sessionDecisionSchema.safeParse(fixture.decision).success).toBe(true);
  });

  it('are the JSON modules the mock loads (no file system, so MSW runs in a browser), one per file of the folder', () => {
    const folder = (dir: string, prefix: string) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => ({ file: `${prefix}${name}`, data: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
    expect(BUILT_IN_V1_FIXTURES).toEqual(folder(builtInFixturesDir(), 'fixtures/'));
    expect(BUILT_IN_V3_FIXTURES).toEqual(folder(join(builtInFixturesDir(), 'v3'), 'fixtures/v3/'));
  });

  it("hold the seed's example byte for byte", () => {
    const original = readFileSync(v1ExamplePath('decision.declined-aml.json'));
    expect(readFileSync(join(builtInFixturesDir(), 'decision.declined-aml.json'))).toEqual(original);
  });

  it('cover every session status and the variety the issue asks for', () => {
    const decisions = loadV1FixturesDir(builtInFixturesDir()).map((f) => sessionDecisionSchema.parse(f.decision));
    expect(new Set(decisions.map((d) => d.status))).toEqual(
      new Set([
        'Not Started',
        'In Progress',
        'In Review',
        'Approved',
        'Declined',
        'Expired',
        'Abandoned',
        'Kyc Expired',
      ]),
    );
    expect(new Set(decisions.map((d) => d.kyc?.document_type).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(decisions.map((d) => d.kyc?.issuing_state).filter(Boolean)).size).toBeGreaterThanOrEqual(6);
    expect(decisions.some((d) => d.aml?.status === 'Approved' && d.aml.total_hits === 0)).toBe(true);
    expect(decisions.some((d) => d.face?.face_match_status === 'Declined')).toBe(true);
    expect(decisions.some((d) => d.location?.is_vpn_or_tor === true)).toBe(true);
  });
});

describe('user fixtures (fixturesDir)', () => {
  it('adds sessions from the folder', async () => {
    const decision = {
      ...JSON.parse(seedText),
      session_id: 'abcdefab-0000-4000-8000-000000000001',
      status: 'Approved',
    };
    const dir = tempDir({ 'mine.json': JSON.stringify(decision), 'notes.txt': 'not a fixture' });
    const { call } = await authedApp({ fixturesDir: dir });
    const res = await call('/v1/session/abcdefab-0000-4000-8000-000000000001/decision/');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(decision);
    expect((await call(`/v1/session/${SEED_ID}/decision/`)).status).toBe(200);
  });

  it('replaces a built-in fixture with the same session_id', async () => {
    const dir = tempDir({ 'seed.json': JSON.stringify({ ...JSON.parse(seedText), vendor_data: 'mine' }) });
    const { call } = await authedApp({ fixturesDir: dir });
    const body = (await (await call(`/v1/session/${SEED_ID}/decision/`)).json()) as { vendor_data: string };
    expect(body.vendor_data).toBe('mine');
  });

  it('fail loudly on a fixture that breaks the schema, naming the file and each issue', () => {
    const broken = { ...JSON.parse(seedText), session_id: 42, kyc: { status: 7 } };
    const dir = tempDir({ 'broken.json': JSON.stringify(broken) });
    let error: unknown;
    try {
      createMockApp({ fixturesDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureError);
    const fixtureError = error as FixtureError;
    expect(fixtureError.file).toBe(join(dir, 'broken.json'));
    expect(fixtureError.message).toContain('broken.json');
    expect(fixtureError.message).toContain('does not match the SessionDecision schema');
    expect(fixtureError.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['session_id', 'kyc.status']));
    expect(fixtureError.message).toContain('- session_id: expected string, found number 42');
    expect(fixtureError.message).toContain('- kyc.status: expected string, found number 7');
  });

  it.each([
    ['malformed JSON', '{"session_id": ', /is not valid JSON/],
    ['a JSON array', '[]', /does not match the SessionDecision schema/],
    ['an id that is not a UUID', JSON.stringify({ ...JSON.parse(seedText), session_id: 'seed' }), /is not a UUID/],
  ])('fail loudly on %s', (_, text, message) => {
    const dir = tempDir({ 'bad.json': text });
    expect(() => createMockApp({ fixturesDir: dir })).toThrow(message);
    expect(() => createMockApp({ fixturesDir: dir })).toThrow(FixtureError);
  });

  it('refuse two files with one session_id, and a folder that does not exist', () => {
    const dir = tempDir({ 'a.json': seedText, 'b.json': seedText });
    expect(() => createMockApp({ fixturesDir: dir })).toThrow(
      /b\.json: session_id 11111111-.* already used by a\.json/,
    );
    expect(() => createMockApp({ fixturesDir: join(dir, 'missing') })).toThrow(/is not a directory/);
  });

  it('leave the shipped folder untouched (only *.json decision files, and the v3 folder)', () => {
    const isDecision = (name: string) => /^decision\.[a-z0-9-]+\.json$/.test(name);
    expect(readdirSync(builtInFixturesDir()).every((name) => name === 'v3' || isDecision(name))).toBe(true);
    expect(readdirSync(join(builtInFixturesDir(), 'v3')).every(isDecision)).toBe(true);
  });
});
