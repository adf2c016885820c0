// 9. Cold import of the server entry: `node -e "import('@didit-kit/core')"`, a fresh process each
// time, against the same entry as it was before the whole v3 API was generated (issue 23), built in
// this run from git (commit PRE_GENERATION) into a temporary folder with the workspace's tsdown.
// Target: at most 1.5x. For reference it also times `@didit-kit/core/v1` (a client without the
// generated API), the dependencies alone (`undici` and `zod/mini`) and an empty `node -e`, each in
// turn within every round so that noise hits them alike. Without git history (a shallow clone) the
// baseline is the v1 entry, and the table says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, median, record, table } from './lib/stats.mjs';

/** The last commit before the generated API (issue 23's first part is its child). */
const PRE_GENERATION = '85f9ee7';
const TARGET = 1.5;

const root = fileURLToPath(new URL('..', import.meta.url));
const coreDir = join(root, 'packages', 'core');
const fromCore = createRequire(join(coreDir, 'package.json'));

/** Builds the pre-generation core into a temporary folder; its `dist/index.js`, or undefined. */
function buildPreGeneration(dir) {
  const archive = spawnSync('git', ['archive', PRE_GENERATION, 'packages/core', 'tsconfig.base.json'], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (archive.status !== 0) return undefined;
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) return undefined;
  const oldCore = join(dir, 'packages', 'core');
  // Its dependencies are today's (the same versions: the lockfile did not change them).
  symlinkSync(join(coreDir, 'node_modules'), join(oldCore, 'node_modules'), 'dir');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const built = spawnSync(join(root, 'node_modules', '.bin', 'tsdown'), ['--no-dts'], {
    cwd: oldCore,
    encoding: 'utf8',
  });
  const entry = join(oldCore, 'dist', 'index.js');
  return built.status === 0 && existsSync(entry) ? entry : undefined;
}

/** Wall time of one fresh `node` importing `urls`, in ms. */
function timeImport(urls) {
  const code = urls.map((url) => `await import(${JSON.stringify(url)});`).join('');
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: coreDir, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`import of ${urls.join(', ')} failed:\n${result.stderr}`);
  return ms;
}

export async function coldImport({ quick }) {
  const rounds = quick ? 5 : 21;
  const url = (file) => pathToFileURL(file).href;
  const current = url(join(coreDir, 'dist', 'index.js'));
  if (!existsSync(fileURLToPath(current))) throw new Error('cold import: build @didit-kit/core first (pnpm build)');

  const dir = mkdtempSync(join(tmpdir(), 'didit-cold-import-'));
  mkdirSync(dir, { recursive: true });
  try {
    const old = buildPreGeneration(dir);
    const baselineName = old
      ? `@didit-kit/core before the generated API (${PRE_GENERATION}, built now)`
      : '@didit-kit/core/v1 (no git history here: the pre-generation build is not available)';
    const targets = [
      { name: '@didit-kit/core (server entry, today)', urls: [current] },
      { name: baselineName, urls: [old ? url(old) : url(join(coreDir, 'dist', 'v1.js'))], baseline: true },
      ...(old ? [{ name: '@didit-kit/core/v1 (no generated API)', urls: [url(join(coreDir, 'dist', 'v1.js'))] }] : []),
      {
        name: 'undici + zod/mini (the dependencies alone)',
        urls: [url(fromCore.resolve('undici')), url(fromCore.resolve('zod/mini'))],
      },
      { name: 'node -e "" (no import)', urls: [] },
    ];
    for (const t of targets) timeImport(t.urls); // the file system cache, once
    const times = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      targets.forEach((t, i) => {
        times[i].push(timeImport(t.urls));
      });
    }
    const medians = times.map((values) => median(values));
    const baseline = medians[targets.findIndex((t) => t.baseline)];
    const empty = medians.at(-1);
    console.log(`\n## 9. Cold import of the server entry (a fresh node per import, median of ${rounds})\n`);
    table(
      ['import', 'median ms', 'import alone ms', 'vs baseline'],
      targets.map((t, i) => [
        t.name,
        fmt(medians[i], 0),
        t.urls.length ? fmt(medians[i] - empty, 0) : '',
        t.urls.length ? fmt(medians[i] / baseline) : '',
      ]),
    );
    const ratio = medians[0] / baseline;
    const status = record('cold import: @didit-kit/core vs before the generated API', ratio, TARGET, 'max');
    console.log(`\n@didit-kit/core cold import: ${fmt(ratio)}x the baseline (target <= ${TARGET}x): ${status}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
