// The one Chromium launcher of the repository's browser tests and benchmarks: Debian's Chromium
// (`apt-get install chromium`; `node scripts/setup.mjs --system` installs it), or CHROMIUM_PATH.
// Plain JavaScript (typed by chromium.d.ts), so the benchmarks run it on Node without a build.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the networking flags Chromium calls outside hosts at start-up, and those calls are refused here.
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

const TIMEOUT_MS = 30_000;

export function hasChromium() {
  return existsSync(CHROMIUM_PATH);
}

function requireChromium() {
  if (!hasChromium()) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
}

export async function launchChromium() {
  requireChromium();
  // playwright gives every launch() a fresh temporary user-data-dir, removed when the browser closes.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: TIMEOUT_MS,
  });
}

export async function launchChromiumProfile(userDataDir, preferences) {
  requireChromium();
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(preferences));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: TIMEOUT_MS,
  });
}
