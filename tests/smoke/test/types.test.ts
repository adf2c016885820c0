import { describe, expect, it } from 'vitest';
import { requirePackages } from '../lib/context.ts';
import { describeFailure, run } from '../lib/exec.ts';

/** `tsc -p` with the consumer's own TypeScript (6.0.3 from the npm registry); returns the files it read. */
async function typeCheck(appDir: string, tsconfig: string): Promise<string[]> {
  const args = ['node_modules/typescript/bin/tsc', '-p', tsconfig, '--listFiles'];
  const result = await run(process.execPath, args, { cwd: appDir, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(describeFailure('node', args, result));
  return result.stdout.split('\n').filter(Boolean);
}

function didit(files: string[]): string[] {
  return files
    .map((file) => /node_modules\/(@didit-kit\/.*)$/.exec(file)?.[1])
    .filter((file): file is string => file !== undefined)
    .sort();
}

// consumers/types/consumer.ts imports values and types from all three packages and core/server,
// and holds @ts-expect-error lines that only hold if the declarations are precise (not `any`).
describe('TypeScript consumers of the published declarations', () => {
  it('type-check under `node16`, as ESM (.mts: the import conditions) and as CommonJS (.cts: require)', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const files = didit(await typeCheck(context.appDir, 'types/tsconfig.node16.json'));
    // Both module kinds resolved their own declaration files, not one shared by accident.
    expect(files).toEqual(
      expect.arrayContaining([
        '@didit-kit/core/dist/index.d.ts',
        '@didit-kit/core/dist/index.d.cts',
        '@didit-kit/core/dist/server.d.ts',
        '@didit-kit/core/dist/server.d.cts',
        '@didit-kit/react/dist/index.d.ts',
        '@didit-kit/react/dist/index.d.cts',
        '@didit-kit/mock-server/dist/index.d.ts',
        '@didit-kit/mock-server/dist/index.d.cts',
      ]),
    );
  });

  it('type-check under `bundler` resolution', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const files = didit(await typeCheck(context.appDir, 'types/tsconfig.bundler.json'));
    expect(files).toEqual(
      expect.arrayContaining([
        '@didit-kit/core/dist/index.d.ts',
        '@didit-kit/core/dist/server.d.ts',
        '@didit-kit/react/dist/index.d.ts',
        '@didit-kit/mock-server/dist/index.d.ts',
      ]),
    );
  });
});
