import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { exampleBody, personalise } from '../example-answer.ts';
import type { OperationHandler, OperationInput, OperationRoute, OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS, type OperationKey } from '../operations.ts';
import { CHECK_PRICES } from '../records/billing.ts';
import type { RecordContext } from '../records/record-context.ts';
import { INSUFFICIENT_CREDITS } from '../session-records.ts';
import { documentedError, namedExample } from '../spec/openapi.ts';
import { bytesOf, isReadable, sameBytes, sampleDocument } from './images.ts';
import { sanctionedPerson } from './sanctions.ts';
import type { Channel } from './verification-codes.ts';

// Didit's standalone checks, answered from their inputs (the same input, the same answer), each with
// one of the spec's own documented examples so the answer is always Didit's shape:
// - AML: a hit for the names of the mock's sanctions list (checks/sanctions.ts), no hit otherwise;
// - face match: Approved for two uploads of the same bytes, Declined (low similarity) otherwise;
// - ID verification: the spec's example extraction for the package's sample document
//   (examples/sample-id-document.png), COULD_NOT_RECOGNIZE_DOCUMENT for any other bytes;
// - email and phone: a code per address, readable in `GET /__mock/verification-codes`, checked
//   with Didit's 5 minutes, 3 attempts and sandbox code `123456`;
// - the others: the spec's first 2xx example, an image that is no image refused as Didit does.
// Each check costs its price from the balance (records/billing.ts); an empty one answers Didit's
// "Not enough credits". Every answer gets a fresh `request_id` and `created_at`.

/** The image fields each check reads, in the order they are checked. */
const IMAGE_FIELDS: Partial<Record<OperationKey, readonly string[]>> = {
  'idVerification.verify': ['front_image', 'back_image'],
  'faceMatch.compare': ['user_image', 'ref_image'],
  'ageEstimation.estimate': ['user_image'],
  'passiveLiveness.check': ['user_image'],
  'faceSearch.search': ['user_image'],
  'poa.verify': ['document'],
};

export function checkRoutes(ctx: RecordContext): OperationRoutes {
  const { billing, codes } = ctx.records;

  /** The documented example `name` of `key`, made this request's. */
  const example = (
    c: Context,
    key: OperationKey,
    name: string,
    input: OperationInput,
    edit?: (body: JsonObject) => void,
  ) => {
    const endpoint = OPERATIONS[key];
    const found = namedExample(endpoint.method, endpoint.path, name);
    if (!found) throw new Error(`didit mock server: ${key} has no example named ${name}`);
    const body = personalise(found.body, endpoint, input.params, input.body);
    if (isJsonObject(body)) {
      fresh(body, ctx.now());
      edit?.(body);
    }
    return c.json(body, found.status as ContentfulStatusCode);
  };
  /** The check's first documented 2xx, made this request's. */
  const firstExample = (c: Context, key: OperationKey, input: OperationInput) => {
    const endpoint = OPERATIONS[key];
    const { status, body } = exampleBody(endpoint);
    const answer = personalise(body ?? {}, endpoint, input.params, input.body);
    if (isJsonObject(answer)) fresh(answer, ctx.now());
    return c.json(answer, status as ContentfulStatusCode);
  };
  /** Didit's answer on an empty balance: the check's documented one, else its 403 with Didit's words. */
  const noCredit = (c: Context, key: OperationKey, input: OperationInput) => {
    const endpoint = OPERATIONS[key];
    if (namedExample(endpoint.method, endpoint.path, 'Not enough credits'))
      return example(c, key, 'Not enough credits', input);
    const found = documentedError(endpoint.method, endpoint.path, 'credits');
    if (found) return c.json(found.body, found.status as ContentfulStatusCode);
    return c.json({ error: INSUFFICIENT_CREDITS }, 403);
  };
  /** An upload that is no image (or document) Didit can open: its documented 400. */
  const unreadable = async (c: Context, key: OperationKey, input: OperationInput) => {
    for (const field of IMAGE_FIELDS[key] ?? []) {
      const value = input.body[field as keyof JsonObject] as unknown;
      if (value === undefined || value === null) continue;
      const bytes = await bytesOf(value);
      if (bytes === undefined || !isReadable(bytes)) {
        const endpoint = OPERATIONS[key];
        const name = ['Document not recognized', 'Invalid image format', 'Unsupported file extension'].find(
          (n) => namedExample(endpoint.method, endpoint.path, n) !== undefined,
        );
        if (name) return example(c, key, name, input);
      }
    }
    return undefined;
  };
  /** A priced check: the balance first, then an unreadable upload, then the rule. */
  const check = (key: OperationKey, what: string, rule: OperationHandler): OperationRoute => ({
    behaviour: 'rule',
    what,
    handle: async (c, input) => {
      const price = CHECK_PRICES[key];
      if (price !== undefined && !billing.charge(price)) return noCredit(c, key, input);
      return (await unreadable(c, key, input)) ?? rule(c, input);
    },
  });
  const fromExample = (key: OperationKey): OperationRoute =>
    check(key, "Didit's first example (others: `X-Didit-Mock-Example`)", (c, input) => firstExample(c, key, input));

  const sendCode = (channel: Channel, key: OperationKey, field: string) =>
    check(
      key,
      `a code for the ${channel === 'email' ? 'address' : 'number'}, readable in \`GET /__mock/verification-codes\``,
      (c, input) => {
        const options = isJsonObject(input.body.options) ? input.body.options : {};
        const size = typeof options.code_size === 'number' ? options.code_size : 6;
        codes.send(channel, String(input.body[field]), size);
        return example(c, key, 'Success', input);
      },
    );
  const checkCode = (channel: Channel, key: OperationKey, field: string): OperationRoute => ({
    behaviour: 'rule',
    what: 'the code sent (or `123456`), 5 minutes, 3 attempts: Approved, Failed, Declined, Expired or Not Found',
    handle: (c, input) => {
      const outcome = codes.check(channel, String(input.body[field]), String(input.body.code));
      switch (outcome.kind) {
        case 'approved':
          return example(c, key, 'Approved', input, (body) => {
            const report = body[channel];
            if (isJsonObject(report) && channel === 'email') report.email = String(input.body.email);
          });
        case 'failed':
          return example(c, key, 'Failed (attempts remaining)', input, (body) => {
            body.message = `The verification code is incorrect. Attempts remaining: ${outcome.attemptsRemaining}`;
          });
        case 'declined':
          return example(c, key, channel === 'phone' ? 'Declined (max attempts)' : 'Declined (risk policy)', input);
        default:
          return example(c, key, 'Expired or Not Found', input);
      }
    },
  });

  return {
    'aml.screen': check(
      'aml.screen',
      'a hit for a name on the mock’s sanctions list (Kozlov Sergey Alexandrovich, …), none otherwise',
      (c, input) => {
        const fullName = String(input.body.full_name);
        const person = sanctionedPerson(fullName);
        const screened = (body: JsonObject) => {
          const aml = isJsonObject(body.aml) ? body.aml : undefined;
          if (aml && isJsonObject(aml.screened_data)) {
            aml.screened_data.full_name = fullName;
            for (const field of ['date_of_birth', 'nationality', 'document_number'] as const) {
              aml.screened_data[field] = (input.body[field] ?? null) as Json;
            }
          }
          return aml;
        };
        if (!person) return example(c, 'aml.screen', 'No hits (Approved)', input, screened);
        return example(c, 'aml.screen', 'PEP hit (Approved — risk below approve threshold)', input, (body) => {
          const aml = screened(body);
          const hit = aml && Array.isArray(aml.hits) && isJsonObject(aml.hits[0]) ? aml.hits[0] : undefined;
          if (!aml || !hit) return;
          aml.status = 'Declined';
          aml.score = 100;
          Object.assign(hit, {
            caption: person.name,
            datasets: [...person.datasets],
            score: 1,
            match_score: 100,
            risk_score: 100,
            // RFC 3339, as the schema types them (the example's are naive).
            first_seen: `${person.listedOn}T00:00:00Z`,
            last_seen: isoMicros(ctx.now()),
          });
          if (isJsonObject(hit.properties)) {
            Object.assign(hit.properties, {
              name: [person.name],
              alias: [person.name],
              notes: [person.notes],
              birthDate: [person.birthDate],
              birthPlace: [person.country],
            });
          }
          hit.pep_matches = [];
          hit.linked_entities = [];
        });
      },
    ),
    'faceMatch.compare': check(
      'faceMatch.compare',
      'Approved (99.41) for the same image bytes twice, Declined (low similarity) otherwise',
      async (c, input) => {
        const [user, ref] = await Promise.all([bytesOf(input.body.user_image), bytesOf(input.body.ref_image)]);
        const same = user !== undefined && ref !== undefined && sameBytes(user, ref);
        return example(c, 'faceMatch.compare', same ? 'Approved' : 'Declined - low similarity', input);
      },
    ),
    'idVerification.verify': check(
      'idVerification.verify',
      'the spec’s example extraction for the package’s sample document, COULD_NOT_RECOGNIZE_DOCUMENT otherwise',
      async (c, input) => {
        const front = await bytesOf(input.body.front_image);
        const known = front !== undefined && sameBytes(front, sampleDocument());
        return example(c, 'idVerification.verify', known ? 'Approved' : 'Document not recognized', input);
      },
    ),
    'ageEstimation.estimate': fromExample('ageEstimation.estimate'),
    'passiveLiveness.check': fromExample('passiveLiveness.check'),
    'faceSearch.search': fromExample('faceSearch.search'),
    'poa.verify': fromExample('poa.verify'),
    'databaseValidation.validate': fromExample('databaseValidation.validate'),
    'walletScreening.screen': fromExample('walletScreening.screen'),
    'kyb.search': fromExample('kyb.search'),
    'email.send': sendCode('email', 'email.send', 'email'),
    'email.check': checkCode('email', 'email.check', 'email'),
    'phone.send': sendCode('phone', 'phone.send', 'phone_number'),
    'phone.check': checkCode('phone', 'phone.check', 'phone_number'),
  };
}

/** A new `request_id` and `created_at` where the example has them. */
function fresh(body: JsonObject, nowMs: number): void {
  if (typeof body.request_id === 'string') body.request_id = crypto.randomUUID();
  if (typeof body.created_at === 'string') body.created_at = isoMicros(nowMs);
}
