import { cloneJson, isJsonObject, type JsonObject } from '../../json.ts';
import { exampleBody } from '../example-answer.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { successOf } from '../spec/openapi.ts';
import { recordAnswer } from './answers.ts';
import { overlay } from './crud.ts';
import type { RecordContext } from './record-context.ts';

// `/v3/customization/`: the application's look of the hosted page, Didit's example at first; PATCH
// changes the fields given (files uploaded as multipart are not kept: their URLs stay the example's).

/** The application's customization, as `GET /v3/customization/` answers it. */
export class Customization {
  #value: JsonObject = initial();

  get value(): JsonObject {
    return this.#value;
  }

  reset(): void {
    this.#value = initial();
  }
}

function initial(): JsonObject {
  const body = exampleBody(OPERATIONS['customization.get']).body;
  return isJsonObject(body) ? cloneJson(body) : {};
}

export function customizationRoutes(ctx: RecordContext): OperationRoutes {
  const { customization } = ctx.records;
  return {
    'customization.get': {
      behaviour: 'stateful',
      what: 'the hosted page’s look: Didit’s example until changed',
      handle: (c) => recordAnswer(c, OPERATIONS['customization.get'], customization.value),
    },
    'customization.update': {
      behaviour: 'stateful',
      what: 'changes the fields given (uploaded files are not kept)',
      handle: (c, { body }) => {
        const endpoint = OPERATIONS['customization.update'];
        const fields = Object.fromEntries(Object.entries(body).filter(([, value]) => !(value instanceof Blob)));
        const read = OPERATIONS['customization.get'];
        overlay(customization.value, fields as JsonObject, successOf(read.method, read.path)?.schema);
        return recordAnswer(c, endpoint, customization.value);
      },
    },
  };
}
