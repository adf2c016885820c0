import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCALE_NAME } from './scale.ts';

// Each part prints its figures on one line, `[reliability:short] chaos: calls=300 ...`, and adds
// them to `.results/figures-<scale>.jsonl` (git-ignored), which the README's tables quote.

const RESULTS_DIR = fileURLToPath(new URL('../.results/', import.meta.url));

export type Figures = Record<string, string | number | boolean>;

export function reportFigures(part: string, figures: Figures): void {
  const line = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(`[reliability:${SCALE_NAME}] ${part}: ${line}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(
    `${RESULTS_DIR}figures-${SCALE_NAME}.jsonl`,
    `${JSON.stringify({ part, scale: SCALE_NAME, at: new Date().toISOString(), ...figures })}\n`,
  );
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}
