/**
 * In a browser build the generated sessions operations (update-data, AML hit statuses, imports) are
 * left out: they need the API key, which a browser never holds.
 */
export class GeneratedSessions {}
