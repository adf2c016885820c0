// Small statistics and printing helpers shared by the benchmarks.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function fmt(value, digits = 2) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}

/** Prints rows as an aligned text table. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** `ok` or `MISSED` for a ratio against a target, in the direction that matters. */
export function verdict(ratio, target, direction) {
  const ok = direction === 'min' ? ratio >= target : ratio <= target;
  return ok ? 'ok' : 'MISSED';
}

export const results = [];

/** Records a target check for the summary at the end of `pnpm bench`. */
export function record(name, ratio, target, direction) {
  const status = verdict(ratio, target, direction);
  results.push({ name, ratio, target, direction, status });
  return status;
}
