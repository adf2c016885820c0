// Calls the Vite-built edge function (argv[2]) the way an edge runtime would: its default export's
// `fetch(request, env)`, here with the mock server's URL and credentials as `env`. Prints
// `SMOKE_RESULT {...}` with the proxied decision.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const { DIDIT_SMOKE_URL, DIDIT_SMOKE_CLIENT_ID, DIDIT_SMOKE_CLIENT_SECRET } = process.env;
const env = {
  DIDIT_URL: DIDIT_SMOKE_URL,
  DIDIT_CLIENT_ID: DIDIT_SMOKE_CLIENT_ID,
  DIDIT_CLIENT_SECRET: DIDIT_SMOKE_CLIENT_SECRET,
};

const { default: worker } = await import(pathToFileURL(process.argv[2]).href);
const request = new Request('https://app.example/api/didit/v1/session/11111111-2222-3333-4444-555555555555/decision/');
const response = await worker.fetch(request, env);
const decision = await response.json();
console.log(
  `SMOKE_RESULT ${JSON.stringify({
    httpStatus: response.status,
    status: decision.status,
    amlHits: decision.aml?.hits?.length ?? 0,
    amlCaption: decision.aml?.hits?.[0]?.caption ?? null,
  })}`,
);
