import { encode, encodeComment } from 'eventsource-encoder';
import { type DecisionHub, type DecisionSnapshot, decisionSnapshot } from '../realtime/decision-hub.ts';
import { detail, type ProxyResult, toResponse } from './proxy-result.ts';

/** How often an event stream sends a heartbeat comment by default: under common 30-60 s idle timeouts. */
export const DEFAULT_EVENTS_HEARTBEAT_MS = 15_000;

/**
 * Messages a stream may have queued for a browser that does not read them. Past that it is
 * closed: EventSource reconnects with `Last-Event-ID` and gets the latest decision, so a slow
 * reader costs a reconnection, never unbounded memory.
 */
const MAX_QUEUED_MESSAGES = 8;

export interface EventStreamContext {
  hub: DecisionHub;
  sessionId: string;
  request: Request;
  /** The current decision from Didit (through the proxy's cache), when the hub has none. */
  fetchDecision: () => Promise<ProxyResult>;
  heartbeatMs: number;
  /** How long the stream lives before it ends (EventSource then reconnects and resumes). */
  lifetimeMs: number;
  /** Called once when the stream ends, or at once when no stream is opened: frees its slot. */
  release: () => void;
  /** While the stream is open, its session is re-read now and then (`DecisionRecheck.watch`), from this decision on. */
  watch: ((first: string) => { seen: () => void; end: () => void }) | undefined;
  now: () => number;
}

const HEADERS = {
  'content-type': 'text/event-stream',
  // As the decision route: a decision holds personal data, which no cache may keep.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // Proxies such as nginx would otherwise buffer the stream and hold every message back.
  'x-accel-buffering': 'no',
} as const;

const utf8 = new TextEncoder();
const PING = utf8.encode(encodeComment('ping'));
/** Each snapshot is encoded once, however many streams send it (one publish, 10 000 browsers). */
const encoded = new WeakMap<DecisionSnapshot, Uint8Array>();

function message(snapshot: DecisionSnapshot): Uint8Array {
  let bytes = encoded.get(snapshot);
  if (!bytes) {
    bytes = utf8.encode(encode({ event: 'decision', id: snapshot.version, data: snapshot.decision }));
    encoded.set(snapshot, bytes);
  }
  return bytes;
}

/**
 * A session's decision as Server-Sent Events: the current one at once (from the hub, else one
 * upstream read), then each change, a `: ping` comment every `heartbeatMs`, and the end after a
 * terminal status. A browser resuming with `Last-Event-ID` (or `?lastEventId=`) equal to the
 * current version is not sent it again; if that version is terminal it gets 204, which tells
 * EventSource to stop reconnecting. Didit's 404 (or any failure) answers as the decision route
 * would, not as a stream. The subscription ends with the stream: when the browser goes away
 * (request aborted or stream cancelled), after a terminal decision, or when the browser reads too slowly.
 */
export async function eventStream(context: EventStreamContext): Promise<Response> {
  let opened = false;
  try {
    const response = await openEventStream(context, () => {
      opened = true;
    });
    return response;
  } finally {
    if (!opened) context.release();
  }
}

async function openEventStream(context: EventStreamContext, markOpened: () => void): Promise<Response> {
  const { hub, sessionId, request } = context;
  const resumeFrom = lastEventId(request);

  let deliver: ((snapshot: DecisionSnapshot) => void) | undefined;
  /** The last snapshot published while the first one was being read: sent after it. */
  let arrived: DecisionSnapshot | undefined;
  let unsubscribe: () => void;
  try {
    // Subscribed before the current decision is read, so a change in between is not missed.
    unsubscribe = await hub.subscribe(sessionId, (snapshot) => {
      if (deliver) deliver(snapshot);
      else arrived = snapshot;
    });
  } catch {
    return detail(503, 'Live updates are unavailable; poll the decision instead.');
  }

  let first: DecisionSnapshot | undefined;
  try {
    first = await hub.latest(sessionId).catch(() => undefined);
    if (!first) {
      const result = await context.fetchDecision();
      if (result.status !== 200 || typeof result.body !== 'string') {
        unsubscribe();
        return toResponse(result, context.now);
      }
      first = await decisionSnapshot(result.body, result.readAt);
    }
  } catch (error) {
    unsubscribe();
    throw error;
  }
  if (request.signal.aborted || (first.terminal && first.version === resumeFrom)) {
    unsubscribe();
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  }

  let lastSent = resumeFrom;
  let closed = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  markOpened();
  const watching = context.watch?.(first.decision);

  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    clearTimeout(lifetime);
    unsubscribe();
    watching?.end();
    context.release();
    request.signal.removeEventListener('abort', end);
    try {
      controller.close();
    } catch {
      // Already cancelled by the reader.
    }
  };
  const push = (bytes: Uint8Array): boolean => {
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_MESSAGES) {
      end();
      return false;
    }
    controller.enqueue(bytes);
    return true;
  };
  const send = (snapshot: DecisionSnapshot) => {
    if (closed || snapshot.version === lastSent) return;
    lastSent = snapshot.version;
    watching?.seen();
    if (push(message(snapshot)) && snapshot.terminal) end();
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel: end,
  });
  request.signal.addEventListener('abort', end);
  deliver = send;
  send(first);
  // Published while the first was read, so at least as new (the same version is skipped).
  if (arrived) send(arrived);
  if (!closed && context.heartbeatMs > 0) {
    timer = setInterval(() => {
      if (!closed) push(PING);
    }, context.heartbeatMs);
    // A heartbeat alone must not keep a process alive (edge runtimes return a number: no unref).
    (timer as { unref?: () => void }).unref?.();
  }
  if (!closed && Number.isFinite(context.lifetimeMs)) {
    // Spread by ±10%, so that streams opened together do not all reconnect together.
    lifetime = setTimeout(end, context.lifetimeMs * (0.9 + Math.random() * 0.2));
    (lifetime as { unref?: () => void }).unref?.();
  }
  return new Response(body, { status: 200, headers: HEADERS });
}

/** The id a reconnecting EventSource sends as a header; `?lastEventId=` for a hand-made reconnection. */
function lastEventId(request: Request): string | undefined {
  const header = request.headers.get('last-event-id');
  if (header) return header;
  try {
    return new URL(request.url).searchParams.get('lastEventId') ?? undefined;
  } catch {
    return undefined;
  }
}
