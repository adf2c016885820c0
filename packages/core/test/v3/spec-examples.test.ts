// The vendored example bodies (spec/examples/v3/) are the spec's own: each file is the value of the
// example its README's tables name, so the tests that read them (through the test kit) read Didit's
// examples, and a refreshed spec that changes one is noticed here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');
const EXAMPLES_DIR = join(SPEC_DIR, 'examples', 'v3');

interface Media {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
}
const spec = JSON.parse(readFileSync(join(SPEC_DIR, 'didit-openapi-v3.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

// | `decision.user.json` | `GET /v3/session/{sessionId}/decision/` response 200, example `Example` |
const ROW =
  /^\| `([^`]+\.json)` \| `([A-Z]+) ([^`]+)` (?:request body|response (\d{3})), (?:example `([^`]+)`|the unnamed `example`) \|$/gm;
const rows = [...readFileSync(join(EXAMPLES_DIR, 'README.md'), 'utf8').matchAll(ROW)].map(
  ([, file = '', method = '', path = '', status, name]) => ({ file, method, path, status, name }),
);

describe("the vendored v3 examples (spec/examples/v3/), against Didit's OpenAPI", () => {
  it('has a row in the README for every file, and a file for every row', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));
    expect(rows.map((row) => row.file).sort()).toEqual(files.sort());
  });

  it.each(rows)('$file is the value of $method $path $status $name', ({ file, method, path, status, name }) => {
    const operation = spec.paths[path]?.[method.toLowerCase()];
    const media = status
      ? operation?.responses?.[status]?.content?.['application/json']
      : operation?.requestBody?.content?.['application/json'];
    const value = name === undefined ? media?.example : media?.examples?.[name]?.value;
    expect(value, 'the spec has no such example').toBeDefined();
    expect(JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'))).toEqual(value);
  });
});
