import { type FieldErrors, fieldErrors, notFound } from '../../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';

// `/v3/questionnaires/`: list, create, get, update, delete (a CrudStore). A questionnaire's
// `form_elements` become the `graph` Didit answers with; `graph` itself is refused, as Didit does.

export function questionnaireRoutes(ctx: RecordContext): OperationRoutes {
  const { questionnaires } = ctx.records;
  const find = (id: string | undefined) => questionnaires.get(id ?? '');
  const refused = (body: JsonObject): FieldErrors | undefined => {
    if (body.graph !== undefined) {
      return { graph: ['The v3 questionnaire API only accepts simple `form_elements`, not `graph`.'] };
    }
    const languages = Array.isArray(body.languages) ? body.languages : undefined;
    if (languages && typeof body.default_language === 'string' && !languages.includes(body.default_language)) {
      return { default_language: ['The default language must be one of `languages`.'] };
    }
    return undefined;
  };
  return {
    'questionnaires.list': {
      behaviour: 'stateful',
      what: 'every questionnaire created',
      handle: (c) => listAnswer(c, OPERATIONS['questionnaires.list'], ctx.origin(c), questionnaires.list()),
    },
    'questionnaires.create': {
      behaviour: 'stateful',
      what: 'a new questionnaire (its `questionnaire_id` is what a workflow’s QUESTIONNAIRE feature names)',
      handle: (c, { body }) => {
        const bad = refused(body);
        if (bad) return fieldErrors(c, bad);
        const record = questionnaires.create(body, formFields(body));
        return recordAnswer(c, OPERATIONS['questionnaires.create'], record);
      },
    },
    'questionnaires.get': {
      behaviour: 'stateful',
      what: 'one questionnaire',
      handle: (c, { params }) => {
        const record = find(params.questionnaire_uuid);
        return record ? recordAnswer(c, OPERATIONS['questionnaires.get'], record) : notFound(c);
      },
    },
    'questionnaires.update': {
      behaviour: 'stateful',
      what: 'changes the fields given; new `form_elements` make a new `version`',
      handle: (c, { params, body }) => {
        const record = find(params.questionnaire_uuid);
        if (!record) return notFound(c);
        const bad = refused(body);
        if (bad) return fieldErrors(c, bad);
        const fields = Array.isArray(body.form_elements)
          ? { ...formFields(body), version: Number(record.version ?? 1) + 1 }
          : {};
        questionnaires.update(record, body, 'questionnaires.update', fields);
        return recordAnswer(c, OPERATIONS['questionnaires.update'], record);
      },
    },
    'questionnaires.delete': {
      behaviour: 'stateful',
      what: 'deletes it',
      handle: (c, { params }) =>
        questionnaires.delete(params.questionnaire_uuid ?? '') ? c.body(null, 204) : notFound(c),
    },
  };
}

/** `form_elements` as Didit's answer shows them: a `graph` of nodes, each pointing at the next. */
function formFields(body: JsonObject): JsonObject {
  if (!Array.isArray(body.form_elements)) return {};
  const elements = body.form_elements.filter(isJsonObject);
  const ids = elements.map((element, i) => (typeof element.id === 'string' ? element.id : `element_${i + 1}`));
  const nodes: JsonObject = {};
  elements.forEach((element, i) => {
    nodes[ids[i]!] = {
      element_type: String(element.element_type ?? '').toUpperCase(),
      is_required: element.is_required === true,
      title: (element.label ?? {}) as Json,
      next: ids[i + 1] ?? null,
    };
  });
  return { graph: { start_node: ids[0] ?? null, nodes }, form_elements: elements };
}
