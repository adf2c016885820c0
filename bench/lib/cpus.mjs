// Keeps the load generator and the server under test on separate cores. On a 2-core machine
// they otherwise take turns on both, and each run measures the scheduler as much as the server:
// unpinned, the same bare route varied between 18k and 31k req/s from one run to the next.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The cores this process may run on, as taskset lists them ("0,1" or "0-3"); undefined without taskset. */
function allowedCpuList() {
  try {
    const out = execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8', stdio: 'pipe' });
    return out.slice(out.lastIndexOf(':') + 1).trim();
  } catch {
    return undefined;
  }
}

function expand(list) {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

const original = allowedCpuList();
const cpus = original ? expand(original) : [];

/** The last allowed core for the servers, the others for this process; undefined with fewer than 2 or no taskset. */
export const pinning =
  cpus.length >= 2 ? { server: String(cpus.at(-1)), bench: cpus.slice(0, -1).join(','), original } : undefined;

/** Runs `fn` with this process (all its threads) on the bench cores, then puts its affinity back. */
export async function pinnedToBenchCores(fn) {
  if (!pinning) return fn();
  setAffinity(pinning.bench);
  try {
    return await fn();
  } finally {
    setAffinity(pinning.original);
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
