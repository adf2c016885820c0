import { join } from 'node:path';

// The docs' testing recipe (docs/guide/testing.md, "Component tests with MSW") is
// examples/testing-with-msw.test.tsx, shown verbatim: the docs project checks that the page still
// shows exactly that file, and this one runs its tests. The example is written for v3 (the
// default) while this package's tests register v1, so it stays outside their tsc program. A `.ts`
// file: it runs once, in the `react` project.

const examplePath = join(import.meta.dirname, '..', 'examples', 'testing-with-msw.test.tsx');

// Imported by a path tsc does not follow, for that reason; vitest collects its tests here.
await import(/* @vite-ignore */ examplePath);
