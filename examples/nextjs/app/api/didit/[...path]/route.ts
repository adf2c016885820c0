// The browser's DiditClient (baseUrl '/api/didit') talks to Didit through this route only.
// GET: a session's decision and its event stream; POST: create a session for the signed-in user.
import { diditProxy } from '@/lib/didit';

export const GET = diditProxy;
export const POST = diditProxy;
