import { join, relative, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { cancel, intro, isCancel, log, note, outro, select, text } from '@clack/prompts';
import { FRAMEWORKS, type Framework, findFramework } from './frameworks.ts';
import { type InstallCommand, type InstallOutcome, installCommand, packageManager, runScript } from './install.ts';
import { scaffold, TargetNotEmptyError } from './scaffold.ts';

export { packageManager } from './install.ts';

export interface CliEnvironment {
  input: Readable;
  output: Writable;
  /** Whether a person can answer prompts (stdin and stdout are terminals). */
  interactive: boolean;
  cwd: string;
  /** `npm_config_user_agent`: which package manager ran `create`, the one that installs the app. */
  userAgent?: string | undefined;
  /** Runs the app's install (`runInstall`: the package manager's own output, on this terminal). */
  install: (command: InstallCommand) => Promise<InstallOutcome>;
  /** The templates shipped in the package (`templates/<example>`). */
  templatesDir: string;
  /** This package's version, which the app's `@didit-kit/*` dependencies get. */
  version: string;
}

const DEFAULT_DIR = 'didit-app';
const NAMES = FRAMEWORKS.map((framework) => framework.name).join('|');

export const USAGE = `Usage: npm create @didit-kit@latest [dir] -- --framework <${NAMES}>

Writes an app with Didit identity verification (redirect and embedded flows, webhook, live
results) and a mock server, and installs its dependencies with the package manager that ran it
(npm, pnpm, yarn or bun). Then: cd <dir> && npm run dev.

  dir                 the folder to create (default: ${DEFAULT_DIR}); must be empty or missing
  -f, --framework     ${FRAMEWORKS.map((framework) => `${framework.name} (${framework.label})`).join(', ')}
  --skip-install      write the app only; install its dependencies yourself
  -h, --help          this text

Without --framework, it asks.
`;

/**
 * The whole command; resolves with the exit code: 0 written (and installed), 1 refused, cancelled or the install
 * failed, 2 a usage error.
 */
export async function run(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const say = (line = '') => env.output.write(`${line}\n`);
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    say(`${(error as Error).message}\n`);
    say(USAGE);
    return 2;
  }
  if (parsed.values.help) {
    say(USAGE);
    return 0;
  }
  const [dirArg, ...extra] = parsed.positionals;
  if (extra.length > 0) {
    say(`One folder at most; got ${parsed.positionals.join(', ')}.\n`);
    say(USAGE);
    return 2;
  }

  let framework: Framework | undefined;
  if (parsed.values.framework !== undefined) {
    framework = findFramework(parsed.values.framework);
    if (!framework) {
      say(`Unknown framework "${parsed.values.framework}": choose one of ${NAMES}.`);
      return 2;
    }
  } else if (!env.interactive) {
    say(`No --framework given, and no terminal to ask on: pass --framework ${NAMES}.\n`);
    say(USAGE);
    return 2;
  }

  const prompts = { input: env.input, output: env.output };
  if (env.interactive) intro('didit-kit: identity verification with Didit', prompts);
  let dir = dirArg;
  if (dir === undefined && env.interactive) {
    const answer = await text({ ...prompts, message: 'Folder for the new app', placeholder: DEFAULT_DIR });
    if (isCancel(answer)) return cancelled(prompts);
    dir = answer || DEFAULT_DIR;
  }
  dir ??= DEFAULT_DIR;
  if (framework === undefined) {
    const answer = await select({
      ...prompts,
      message: 'Framework',
      options: FRAMEWORKS.map((choice) => ({ value: choice.name, label: choice.label, hint: choice.hint })),
    });
    if (isCancel(answer)) return cancelled(prompts);
    framework = findFramework(answer);
  }
  if (!framework) return 2;

  const targetDir = resolve(env.cwd, dir);
  try {
    await scaffold({ templateDir: join(env.templatesDir, framework.example), targetDir, version: env.version });
  } catch (error) {
    if (error instanceof TargetNotEmptyError) {
      say(`${dir} is not empty: choose a new folder, or empty this one first.`);
      return 1;
    }
    throw error;
  }

  const pm = packageManager(env.userAgent);
  const where = relative(env.cwd, targetDir) || '.';
  const cd = where === '.' ? [] : [`cd ${where.includes(' ') ? `"${where}"` : where}`];
  const install = installCommand(pm, targetDir);
  const installLine = [install.command, ...install.args].join(' ');
  const dev = runScript(pm, 'dev');
  const created = `Created a ${framework.label} app in ${where}, with @didit-kit ${env.version}.`;
  if (env.interactive) log.success(created, prompts);
  else say(created);

  let installed = false;
  if (!parsed.values['skip-install']) {
    if (env.interactive) log.step(`Installing its dependencies: ${installLine}`, prompts);
    else say(`\nInstalling its dependencies: ${installLine}\n`);
    const outcome = await env.install(install);
    if ('error' in outcome || outcome.code !== 0) {
      const why = 'error' in outcome ? `could not start (${outcome.error})` : `exited with code ${outcome.code}`;
      const failed = `${installLine} ${why}. The app is written; to finish by hand:`;
      const steps = [...cd, installLine, dev];
      if (env.interactive) {
        log.error(failed, prompts);
        note(steps.join('\n'), 'Next steps', prompts);
        outro('Run the install again once the cause above is fixed.', prompts);
      } else {
        say(['', failed, ...steps.map((step) => `  ${step}`)].join('\n'));
      }
      return 1;
    }
    installed = true;
  }

  const steps = [...cd, ...(installed ? [] : [installLine]), dev];
  const about = [
    `${dev} starts the app at http://127.0.0.1:3000 and the Didit mock server beside it, its webhooks`,
    'wired to the app. Sign in with any name and click "Verify identity". README.md lists the files, and the',
    'variables for the real Didit.',
  ].join('\n');
  if (env.interactive) {
    note(steps.join('\n'), 'Next steps', prompts);
    outro(about, prompts);
  } else {
    say(['', 'Next steps:', ...steps.map((step) => `  ${step}`), '', about].join('\n'));
  }
  return 0;
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      framework: { type: 'string', short: 'f' },
      'skip-install': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

function cancelled(prompts: { output: Writable }): number {
  cancel('Nothing was written.', prompts);
  return 1;
}
