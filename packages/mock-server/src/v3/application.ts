// The mock's own application in Didit's console terms: what the API and the webhooks say about it.

/** The mock's own application id: `share` refuses it as `for_application_id`; v3 webhooks carry it. */
export const MOCK_APPLICATION_ID = 'd1d17000-0000-4000-8000-0000000a9900';

/** Didit's workflow for KYB in its examples; with `expected_details.company_name` it also makes a business session. */
export const MOCK_KYB_WORKFLOW_ID = '33333333-4444-5555-6666-777777777777';
