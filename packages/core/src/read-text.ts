import type { ResponseReader } from './request-options.ts';

/** A text body as it is (the CSV templates Didit serves). */
export const readText: ResponseReader<string> = (response) => response.text();
