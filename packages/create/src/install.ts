import { spawn } from 'node:child_process';

/** The package managers `create` recognises in `npm_config_user_agent`. */
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A command to run in the new app's folder. */
export interface InstallCommand {
  command: PackageManager;
  args: string[];
  cwd: string;
}

/** What an install ended with: its exit code (0 installed), or why it could not start. */
export type InstallOutcome = { code: number } | { error: string };

/** The package manager that ran `create` (npm sets the user agent, and so do pnpm, yarn and bun). */
export function packageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

/** `npm install`, `pnpm install`, `yarn install` or `bun install`, in the app's folder. */
export function installCommand(pm: PackageManager, cwd: string): InstallCommand {
  return { command: pm, args: ['install'], cwd };
}

/** How the user runs a script of the app: `npm run dev`, `pnpm dev`, ... */
export function runScript(pm: PackageManager, script: string): string {
  return `${pm === 'npm' ? 'npm run' : pm} ${script}`;
}

/**
 * Runs the install as the user would type it, its output going to this terminal (stdin, stdout and stderr
 * inherited). The package manager fetches the app's dependencies: the only download `create` causes.
 */
export function runInstall({
  command,
  args,
  cwd,
}: {
  command: string;
  args: readonly string[];
  cwd: string;
}): Promise<InstallOutcome> {
  return new Promise((resolve) => {
    // On Windows, npm, pnpm and yarn are .cmd scripts, which only a shell starts.
    const child = spawn(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
    child.once('error', (error) => resolve({ error: error.message }));
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1) }));
  });
}
