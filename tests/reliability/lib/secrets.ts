import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { DiditLogger } from '@didit-kit/core';
import { expect } from 'vitest';

/**
 * The secrets of one part of the suite: fresh random values, so a hit can only be a leak. Access
 * tokens are added as the mock server issues them; any string shaped like a mock token
 * (`mock_` + 43 base64url characters) counts too, so a token this process never saw is still caught.
 */
export class Secrets {
  readonly clientId = 'reliability-client';
  readonly clientSecret = `cs_rel_${randomBytes(18).toString('base64url')}`;
  readonly webhookSecret = `whsec_rel_${randomBytes(18).toString('base64url')}`;
  /** What the client puts after `Basic `: the secret, base64-encoded. */
  readonly basicCredentials = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
  readonly tokens = new Set<string>();

  /** Every leak in `text`, named (never quoting the secret itself). */
  findIn(text: string): string[] {
    const leaks: string[] = [];
    if (text.includes(this.clientSecret)) leaks.push('client secret');
    if (text.includes(this.basicCredentials)) leaks.push('client secret (Basic credentials)');
    if (text.includes(this.webhookSecret)) leaks.push('webhook secret');
    for (const token of this.tokens) {
      if (text.includes(token)) {
        leaks.push('access token');
        break;
      }
    }
    if (TOKEN_SHAPE.test(text)) leaks.push('something shaped like an access token');
    return leaks;
  }
}

const TOKEN_SHAPE = /mock_[A-Za-z0-9_-]{43}/;

/**
 * Everything a part produced that a user could see: log lines, child output, error messages and
 * their JSON and `util.inspect` forms, serialised clients, responses sent to a browser.
 */
export class Capture {
  readonly #items: { source: string; text: string }[] = [];

  add(source: string, text: string): void {
    this.#items.push({ source, text });
  }

  addError(source: string, error: unknown): void {
    this.add(`${source} (String)`, String(error));
    if (error instanceof Error) {
      this.add(`${source} (message)`, error.message);
      this.add(`${source} (stack)`, error.stack ?? '');
    }
    this.add(`${source} (JSON)`, safeJson(error));
    // The cause chain, hidden properties and all: what a logger printing the error shows.
    this.add(`${source} (inspect)`, inspect(error, { depth: 8, showHidden: true }));
  }

  /** A child process's stdout and stderr. */
  addOutput(source: string, run: { stdout(): string; stderr(): string }): void {
    this.add(`${source} stdout`, run.stdout());
    this.add(`${source} stderr`, run.stderr());
  }

  async addResponse(source: string, response: Response): Promise<string> {
    const text = await response.text();
    const headers = JSON.stringify([...response.headers]);
    this.add(`${source} (${response.status} body)`, text);
    this.add(`${source} (headers)`, headers);
    return text;
  }

  /** A `DiditLogger` that records every event with its fields. */
  logger(source: string): DiditLogger {
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      this.add(`${source} logger`, `${level} ${message} ${safeJson(fields)}`);
    return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  }

  get size(): { sources: number; bytes: number } {
    return { sources: this.#items.length, bytes: this.#items.reduce((sum, item) => sum + item.text.length, 0) };
  }

  /** Fails with the sources that leaked; returns how much was searched. */
  expectNoLeaks(secrets: Secrets): { sources: number; bytes: number } {
    const leaks: string[] = [];
    for (const { source, text } of this.#items) {
      for (const leak of secrets.findIn(text)) leaks.push(`${leak} in ${source}`);
    }
    expect(leaks, 'secrets found in captured output').toEqual([]);
    return this.size;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `(not serialisable: ${String(error)})`;
  }
}
