// Starts the packed @didit-kit/mock-server, as a user of the package would, on 127.0.0.1 and a free
// port. Prints `SMOKE_MOCK_URL <url>` when ready; the smoke setup stops it by killing the process.
import { startMockServer } from '@didit-kit/mock-server';

const server = await startMockServer({ port: 0, host: '127.0.0.1' });
console.log(`SMOKE_MOCK_URL ${server.url}`);
