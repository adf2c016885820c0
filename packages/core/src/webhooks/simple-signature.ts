import type { SimpleFieldsText } from './canonical-scan.ts';
import { pythonStrFromLexeme } from './python-json-number.ts';

// X-Signature-Simple is Didit's HMAC of
//   ":".join([str(body.get("timestamp", "")), str(body.get("session_id", "")),
//             str(body.get("status", "")), str(body.get("webhook_type", ""))])
// over the body's own values (not the X-Timestamp header), written with Python's `str()`.

/**
 * Python's `str()` of the JSON value whose text is `text`, `""` for a missing one; undefined for
 * an object or an array (Python would write its `repr`, which is not reproduced here).
 */
function pythonStr(text: string | undefined): string | undefined {
  if (text === undefined) return '';
  switch (text.charCodeAt(0)) {
    case 0x22: // "
      return JSON.parse(text) as string;
    case 0x74: // true
      return 'True';
    case 0x66: // false
      return 'False';
    case 0x6e: // null
      return 'None';
    case 0x7b: // {
    case 0x5b: // [
      return undefined;
    default:
      return pythonStrFromLexeme(text);
  }
}

/** The string X-Signature-Simple signs for a body, or undefined when it cannot be written (see `pythonStr`). */
export function simpleSignatureInput(fields: SimpleFieldsText | undefined): string | undefined {
  if (fields === undefined) return undefined;
  const parts = [fields.timestamp, fields.session_id, fields.status, fields.webhook_type].map(pythonStr);
  return parts.includes(undefined) ? undefined : parts.join(':');
}

/** What a delivery verified by X-Signature-Simple alone may be trusted for: the fields it covers. */
export interface SimpleSignedEvent {
  session_id: string;
  status: string;
  webhook_type?: string;
  timestamp: number;
}

/**
 * The fields X-Signature-Simple covers, when they make an event whose freshness can be checked:
 * `session_id` and `status` strings, a finite numeric `timestamp`, and `webhook_type` a string or
 * absent. Otherwise undefined, and X-Signature-Simple is not worth checking.
 */
export function simpleSignedEvent(fields: SimpleFieldsText | undefined): SimpleSignedEvent | undefined {
  if (fields === undefined) return undefined;
  const { timestamp, session_id, status, webhook_type } = fields;
  if (session_id?.charCodeAt(0) !== 0x22 || status?.charCodeAt(0) !== 0x22) return undefined;
  if (webhook_type !== undefined && webhook_type.charCodeAt(0) !== 0x22) return undefined;
  const c = timestamp?.charCodeAt(0);
  if (timestamp === undefined || !(c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39))) return undefined;
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds)) return undefined;
  const event: SimpleSignedEvent = {
    session_id: JSON.parse(session_id) as string,
    status: JSON.parse(status) as string,
    timestamp: seconds,
  };
  if (webhook_type !== undefined) event.webhook_type = JSON.parse(webhook_type) as string;
  return event;
}
