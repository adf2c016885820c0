export { undiciTransport as defaultTransport } from './undici-transport.ts';
