import { type DiditErrorInit, ResponseValidationError } from './errors.ts';

/**
 * The bodies of "not JSON" errors, kept beside them rather than in their message: a reader does
 * not know the client's secrets, so the request loop's redactor quotes the start of the body once
 * it has redacted all of it (a secret cut in two by the quote's end would survive a later redaction).
 */
const bodies = new WeakMap<ResponseValidationError, string>();

/** A 2xx body that is not JSON: the loop adds `, got "<its start>"`, redacted. */
export function notJsonError(text: string, init: DiditErrorInit): ResponseValidationError {
  const error = new ResponseValidationError('Expected a JSON body', init);
  bodies.set(error, text);
  return error;
}

export function unquotedBodyOf(error: ResponseValidationError): string | undefined {
  return bodies.get(error);
}
