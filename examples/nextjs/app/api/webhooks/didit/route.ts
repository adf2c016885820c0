// Didit's webhook (in Didit's console: a destination with this URL and DIDIT_WEBHOOK_SECRET). The handler reads
// the raw body itself to check the signature.
import { diditWebhook } from '@/lib/didit';

export const POST = diditWebhook;
