/** The apps `npm create @didit-kit` writes: each is one of the repository's `examples/`, copied at build time. */
export const FRAMEWORKS = [
  { name: 'next', example: 'nextjs', label: 'Next.js', hint: 'App Router, route handlers' },
  { name: 'vite-express', example: 'vite-express', label: 'Vite + React + Express 5', hint: 'one Node server' },
  { name: 'hono', example: 'hono', label: 'Vite + React + Hono', hint: 'Hono on Node' },
] as const;

export type Framework = (typeof FRAMEWORKS)[number];
export type FrameworkName = Framework['name'];

export function findFramework(name: string): Framework | undefined {
  return FRAMEWORKS.find((framework) => framework.name === name);
}
