// Keeps the load generator and the server under test on separate cores. On a 2-core machine
// they otherwise take turns on both, and each run measures the scheduler as much as the server:
// unpinned, the same bare route varied between 18k and 31k req/s from one run to the next.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

const cores = os.cpus().length;

function hasTaskset() {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The last core for the servers, the rest for this process; undefined without taskset or with one core. */
export const pinning =
  cores >= 2 && hasTaskset() ? { server: String(cores - 1), bench: cores === 2 ? '0' : `0-${cores - 2}` } : undefined;

/** Runs `fn` with this process (all its threads) on the bench cores, then gives it every core back. */
export async function pinnedToBenchCores(fn) {
  if (!pinning) return fn();
  setAffinity(pinning.bench);
  try {
    return await fn();
  } finally {
    setAffinity(`0-${cores - 1}`);
  }
}

function setAffinity(list) {
  execFileSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' });
}

/** CPU time (user + system) a process has used so far, in microseconds, from /proc; undefined elsewhere. */
export function processCpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}
