import type { OperationRoutes } from '../operation-routes.ts';
import { billingRoutes } from './billing-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { customizationRoutes } from './customization-routes.ts';
import { entityRoutes } from './entity-routes.ts';
import { questionnaireRoutes } from './questionnaire-routes.ts';
import type { RecordContext } from './record-context.ts';
import { reportRoutes } from './report-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { transactionRoutes } from './transaction-routes.ts';
import { travelRuleRoutes } from './travel-rule-routes.ts';
import { webhookDestinationRoutes } from './webhook-destination-routes.ts';
import { workflowRoutes } from './workflow-routes.ts';

/** The routes of every operation whose answer comes from the records the mock keeps. */
export function recordRoutes(ctx: RecordContext): OperationRoutes {
  return {
    ...billingRoutes(ctx),
    ...caseRoutes(ctx),
    ...customizationRoutes(ctx),
    ...entityRoutes(ctx),
    ...questionnaireRoutes(ctx),
    ...reportRoutes(ctx),
    ...sessionRoutes(ctx),
    ...transactionRoutes(ctx),
    ...travelRuleRoutes(ctx),
    ...webhookDestinationRoutes(ctx),
    ...workflowRoutes(ctx),
  };
}
