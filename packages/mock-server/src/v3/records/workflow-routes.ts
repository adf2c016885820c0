import type { Context } from 'hono';
import { notFound } from '../../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';
import { FEATURE_DEPENDENCIES, WORKFLOW_FIELDS } from './workflows.ts';

// `/v3/workflows/`: list, create, get, update, delete, with Didit's documented 400s for what core's
// request schema lets through (an unknown top-level field, no features, a feature before what it
// needs, a questionnaire that does not exist).

export function workflowRoutes(ctx: RecordContext): OperationRoutes {
  const { workflows, questionnaires } = ctx.records;
  const refused = (c: Context, body: JsonObject, creating: boolean): Response | undefined => {
    const unknown = Object.keys(body).find((key) => !WORKFLOW_FIELDS.includes(key));
    if (unknown !== undefined) {
      return c.json(
        {
          [unknown]: [`The v3 workflow API only accepts ${WORKFLOW_FIELDS.map((f) => `\`${f}\``).join(', ')}.`],
        },
        400,
      );
    }
    if (!Array.isArray(body.features)) return undefined;
    if (creating && body.features.length === 0) return c.json({ features: ['At least one feature is required.'] }, 400);
    const seen: string[] = [];
    for (const item of body.features as Json[]) {
      if (!isJsonObject(item)) continue;
      const feature = String(item.feature);
      const needs = FEATURE_DEPENDENCIES[feature];
      if (needs && !needs.some((n) => seen.includes(n))) {
        return c.json({ features: [`Feature '${feature}' must appear after one of: ${needs.join(', ')}.`] }, 400);
      }
      const config = isJsonObject(item.config) ? item.config : {};
      const questionnaire = config.questionnaire_uuid ?? config.questionnaire_id;
      if (feature === 'QUESTIONNAIRE' && typeof questionnaire === 'string' && !questionnaires.get(questionnaire)) {
        return c.json(
          {
            features: `Questionnaire '${questionnaire}' was not found for this application. Create the questionnaire first, then use its questionnaire_id.`,
          },
          400,
        );
      }
      seen.push(feature);
    }
    return undefined;
  };
  return {
    'workflows.list': {
      behaviour: 'stateful',
      what: 'the default KYC and KYB workflows, those created, and those sessions named',
      handle: (c) =>
        listAnswer(
          c,
          OPERATIONS['workflows.list'],
          ctx.origin(c),
          workflows.list().map((w) => w.record),
        ),
    },
    'workflows.create': {
      behaviour: 'stateful',
      what: 'a new workflow (KYB when it has `KYB_*` features); Didit’s 400s for fields, order, questionnaires',
      handle: (c, { body }) =>
        refused(c, body, true) ?? recordAnswer(c, OPERATIONS['workflows.create'], workflows.create(body).record),
    },
    'workflows.get': {
      behaviour: 'stateful',
      what: 'one workflow, its features and settings',
      handle: (c, { params }) => {
        const workflow = workflows.get(params.settings_uuid ?? '');
        return workflow ? recordAnswer(c, OPERATIONS['workflows.get'], workflow.record) : notFound(c);
      },
    },
    'workflows.update': {
      behaviour: 'stateful',
      what: 'changes the fields given; new features or publishing make a new `version`',
      handle: (c, { params, body }) => {
        const workflow = workflows.get(params.settings_uuid ?? '');
        if (!workflow) return notFound(c);
        return (
          refused(c, body, false) ??
          recordAnswer(c, OPERATIONS['workflows.update'], workflows.update(workflow, body).record)
        );
      },
    },
    'workflows.delete': {
      behaviour: 'stateful',
      what: 'deletes it: a session on its id is then refused (`Invalid workflow_id.`)',
      handle: (c, { params }) => (workflows.delete(params.settings_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
  };
}
