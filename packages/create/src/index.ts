// The bin: `npm create @didit-kit@latest my-app -- --framework next` runs it (npm exec @didit-kit/create).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './cli.ts';
import { runInstall } from './install.ts';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string };

run(process.argv.slice(2), {
  input: process.stdin,
  output: process.stdout,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  cwd: process.cwd(),
  userAgent: process.env.npm_config_user_agent,
  install: runInstall,
  templatesDir: `${packageRoot}templates`,
  version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
