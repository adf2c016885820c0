// Reads an event stream over real HTTP with eventsource-parser, the parser the EventSource
// polyfills use, and lets a test wait for the next message with a deadline.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseClient {
  readonly response: Response;
  readonly messages: EventSourceMessage[];
  readonly comments: string[];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** The next message not yet taken (in order), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<EventSourceMessage>;
  /** Resolves once `count` comments have arrived. */
  waitForComments(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  let taken = 0;
  let wake: () => void = () => {};
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      wake();
    },
    onComment: (comment) => {
      comments.push(comment);
      wake();
    },
  });
  let done = false;
  const ended = (async () => {
    if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      } catch {
        // Closed by the test.
      }
    }
    done = true;
    wake();
  })();

  const until = async (condition: () => boolean, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (done) throw new Error(`the stream ended while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  return {
    response,
    messages,
    comments,
    ended,
    async next(timeoutMs = 5_000) {
      await until(() => messages.length > taken, timeoutMs, 'a message');
      return messages[taken++]!;
    },
    waitForComments: (count, timeoutMs = 5_000) => until(() => comments.length >= count, timeoutMs, 'comments'),
    close: () => controller.abort(),
  };
}
