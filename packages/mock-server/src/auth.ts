// What both generations' authentication (v1/auth.ts, v3/auth.ts) compare secrets with.

const encoder = new TextEncoder();

/** Compares without an early exit, so response timing does not reveal how much of a secret matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
