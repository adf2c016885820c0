import type { Context } from 'hono';
import { isoMicros } from '../../clock.ts';
import { notFound } from '../../drf.ts';
import type { Json, JsonObject } from '../../json.ts';
import { MEDIA_HOST } from '../example-answer.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS, type OperationKey } from '../operations.ts';
import { listAnswer, recordAnswer } from './answers.ts';
import { BLUEPRINT_PRESETS } from './cases.ts';
import type { RecordContext } from './record-context.ts';

// The organization's case blueprints, report templates and regulatory (FIU) reports: CRUD, the
// blueprint presets, and a report's life: DRAFT -> VALIDATED (goAML's obligatory fields present)
// -> FINALIZED (then no more edits or deletes, and its file can be downloaded: 409 before).

const REPORT_TYPES: Readonly<Record<string, string>> = {
  SAR: 'Suspicious Activity Report',
  STR: 'Suspicious Transaction Report',
  CTR: 'Currency Transaction Report',
  TTR: 'Threshold Transaction Report',
  UTR: 'Unusual Transaction Report',
  IFT: 'International Funds Transfer',
  CBR: 'Cross-Border Report',
  TFR: 'Terrorist Financing Report',
};
/** goAML's obligatory header fields the validate route checks. */
const REQUIRED_FIELDS = ['rentity_id', 'submission_code', 'currency_code_local', 'action', 'submission_date'];

export function reportRoutes(ctx: RecordContext): OperationRoutes {
  const { cases, reportTemplates, reports } = ctx.records;
  const { blueprints } = cases;
  const op = (key: OperationKey) => OPERATIONS[key];
  const conflict = (c: Context, report: JsonObject) =>
    c.json({ detail: 'The report is finalized and can no longer change.', status: report.status ?? null }, 409);
  const reportFields = (body: JsonObject, caseRecord: JsonObject | undefined): JsonObject => {
    const template = typeof body.template === 'string' ? reportTemplates.get(body.template) : undefined;
    const type = String(body.report_type ?? template?.report_type ?? 'SAR');
    return {
      case_uuid: (caseRecord?.uuid ?? body.case ?? null) as Json,
      case_number: (caseRecord?.case_number ?? null) as Json,
      report_type: type,
      report_type_display: REPORT_TYPES[type] ?? type,
      report_code: type,
      report_number: null,
      status: 'DRAFT',
      status_display: 'Draft',
      jurisdiction: String(body.jurisdiction ?? template?.jurisdiction ?? 'ES'),
      transactions: Array.isArray(body.transactions) ? body.transactions : [],
      validation_errors: [],
      validated_at: null,
      finalized_at: null,
      created_by_email: null,
      created_by_name: 'API Client',
    };
  };
  const findReport = (id: string | undefined) => reports.get(id ?? '');

  return {
    'caseBlueprints.list': {
      behaviour: 'stateful',
      what: 'every blueprint',
      handle: (c) => listAnswer(c, op('caseBlueprints.list'), ctx.origin(c), blueprints.list()),
    },
    'caseBlueprints.create': {
      behaviour: 'stateful',
      what: 'a blueprint (its checklist, resolution gates and four-eyes checker apply to new cases)',
      handle: (c, { body }) =>
        recordAnswer(c, op('caseBlueprints.create'), blueprints.create(body, { preset_key: null })),
    },
    'caseBlueprints.get': {
      behaviour: 'stateful',
      what: 'one blueprint',
      handle: (c, { params }) => {
        const record = blueprints.get(params.blueprint_uuid ?? '');
        return record ? recordAnswer(c, op('caseBlueprints.get'), record) : notFound(c);
      },
    },
    'caseBlueprints.update': {
      behaviour: 'stateful',
      what: 'changes the fields given',
      handle: (c, { params, body }) => {
        const record = blueprints.get(params.blueprint_uuid ?? '');
        if (!record) return notFound(c);
        return recordAnswer(c, op('caseBlueprints.update'), blueprints.update(record, body, 'caseBlueprints.update'));
      },
    },
    'caseBlueprints.delete': {
      behaviour: 'stateful',
      what: 'deletes it',
      handle: (c, { params }) => (blueprints.delete(params.blueprint_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
    'caseBlueprints.listPresets': {
      behaviour: 'stateful',
      what: 'Didit’s four presets, each `installed` or not',
      handle: (c) =>
        recordAnswer(c, op('caseBlueprints.listPresets'), {
          results: BLUEPRINT_PRESETS.map((preset) => ({
            ...preset,
            content_config: {},
            installed: blueprints.list((b) => b.preset_key === preset.preset_key).length > 0,
          })),
        }),
    },
    'caseBlueprints.installPresets': {
      behaviour: 'stateful',
      what: 'makes a blueprint of each preset not installed yet (201), none left: 200',
      handle: (c, { body }) => {
        const keys = Array.isArray(body.preset_keys)
          ? body.preset_keys.map(String)
          : BLUEPRINT_PRESETS.map((p) => p.preset_key);
        const created: string[] = [];
        for (const preset of BLUEPRINT_PRESETS) {
          if (
            !keys.includes(preset.preset_key) ||
            blueprints.list((b) => b.preset_key === preset.preset_key).length > 0
          )
            continue;
          blueprints.create(
            { name: preset.name, description: preset.description },
            { preset_key: preset.preset_key, assignee_pool: [] },
          );
          created.push(preset.preset_key);
        }
        return recordAnswer(c, op('caseBlueprints.installPresets'), { created }, created.length > 0 ? 201 : 200);
      },
    },
    'reportTemplates.list': {
      behaviour: 'stateful',
      what: 'every report template',
      handle: (c) => listAnswer(c, op('reportTemplates.list'), ctx.origin(c), reportTemplates.list()),
    },
    'reportTemplates.create': {
      behaviour: 'stateful',
      what: 'a report template',
      handle: (c, { body }) => {
        const type = String(body.report_type);
        return recordAnswer(
          c,
          op('reportTemplates.create'),
          reportTemplates.create(body, { report_type_display: REPORT_TYPES[type] ?? type }),
        );
      },
    },
    'reportTemplates.get': {
      behaviour: 'stateful',
      what: 'one report template',
      handle: (c, { params }) => {
        const record = reportTemplates.get(params.template_uuid ?? '');
        return record ? recordAnswer(c, op('reportTemplates.get'), record) : notFound(c);
      },
    },
    'reportTemplates.update': {
      behaviour: 'stateful',
      what: 'changes the fields given',
      handle: (c, { params, body }) => {
        const record = reportTemplates.get(params.template_uuid ?? '');
        if (!record) return notFound(c);
        return recordAnswer(
          c,
          op('reportTemplates.update'),
          reportTemplates.update(record, body, 'reportTemplates.update'),
        );
      },
    },
    'reportTemplates.delete': {
      behaviour: 'stateful',
      what: 'deletes it',
      handle: (c, { params }) => (reportTemplates.delete(params.template_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
    'regulatoryReports.listForCase': {
      behaviour: 'stateful',
      what: 'the case’s reports',
      handle: (c, { params }) => {
        const caseRecord = cases.cases.get(params.case_uuid ?? '');
        if (!caseRecord) return notFound(c);
        return listAnswer(
          c,
          op('regulatoryReports.listForCase'),
          ctx.origin(c),
          reports.list((r) => r.case_uuid === caseRecord.uuid),
        );
      },
    },
    'regulatoryReports.createForCase': {
      behaviour: 'stateful',
      what: 'a DRAFT report on the case (REPORT_CREATED)',
      handle: (c, { params, body }) => {
        const caseRecord = cases.cases.get(params.case_uuid ?? '');
        if (!caseRecord) return notFound(c);
        const report = reports.create(body, reportFields(body, caseRecord));
        cases.log(caseRecord, 'REPORT_CREATED', { metadata: { report_uuid: report.uuid ?? null } });
        return recordAnswer(c, op('regulatoryReports.createForCase'), report);
      },
    },
    'regulatoryReports.list': {
      behaviour: 'stateful',
      what: 'every report',
      handle: (c) => listAnswer(c, op('regulatoryReports.list'), ctx.origin(c), reports.list()),
    },
    'regulatoryReports.create': {
      behaviour: 'stateful',
      what: 'a DRAFT report for a case (404 for an unknown case)',
      handle: (c, { body }) => {
        const caseRecord = cases.cases.get(String(body.case));
        if (!caseRecord) return c.json({ case: ['Case not found.'] }, 400);
        const report = reports.create(body, reportFields(body, caseRecord));
        cases.log(caseRecord, 'REPORT_CREATED', { metadata: { report_uuid: report.uuid ?? null } });
        return recordAnswer(c, op('regulatoryReports.create'), report);
      },
    },
    'regulatoryReports.get': {
      behaviour: 'stateful',
      what: 'one report',
      handle: (c, { params }) => {
        const report = findReport(params.report_uuid);
        return report ? recordAnswer(c, op('regulatoryReports.get'), report) : notFound(c);
      },
    },
    'regulatoryReports.update': {
      behaviour: 'stateful',
      what: 'changes the fields given (409 once FINALIZED)',
      handle: (c, { params, body }) => {
        const report = findReport(params.report_uuid);
        if (!report) return notFound(c);
        if (report.status === 'FINALIZED') return conflict(c, report);
        return recordAnswer(
          c,
          op('regulatoryReports.update'),
          reports.update(report, body, 'regulatoryReports.update'),
        );
      },
    },
    'regulatoryReports.delete': {
      behaviour: 'stateful',
      what: 'deletes it (409 once FINALIZED)',
      handle: (c, { params }) => {
        const report = findReport(params.report_uuid);
        if (!report) return notFound(c);
        if (report.status === 'FINALIZED') return conflict(c, report);
        reports.delete(String(report.uuid));
        return c.body(null, 204);
      },
    },
    'regulatoryReports.validate': {
      behaviour: 'stateful',
      what: 'checks goAML’s obligatory fields, a transaction and a 2-letter jurisdiction: VALIDATED or the errors',
      handle: (c, { params }) => {
        const report = findReport(params.report_uuid);
        if (!report) return notFound(c);
        const errors = REQUIRED_FIELDS.filter(
          (f) => report[f] === null || report[f] === undefined || report[f] === '',
        ).map((field) => ({ field, message: 'This field is required for goAML.' }));
        if (!Array.isArray(report.transactions) || report.transactions.length === 0) {
          errors.push({ field: 'transactions', message: 'Attach at least one transaction.' });
        }
        if (!/^[A-Z]{2}$/.test(String(report.jurisdiction))) {
          errors.push({ field: 'jurisdiction', message: 'Use a 2-letter jurisdiction.' });
        }
        report.validation_errors = errors;
        report.validated_at = isoMicros(ctx.now());
        if (report.status !== 'FINALIZED') {
          report.status = errors.length === 0 ? 'VALIDATED' : 'DRAFT';
          report.status_display = errors.length === 0 ? 'Validated' : 'Draft';
        }
        return recordAnswer(c, op('regulatoryReports.validate'), {
          status: report.status ?? 'DRAFT',
          is_valid: errors.length === 0,
          errors,
        });
      },
    },
    'regulatoryReports.finalize': {
      behaviour: 'stateful',
      what: 'a VALIDATED report becomes FINALIZED with its number (400 before validation, 409 after)',
      handle: (c, { params }) => {
        const report = findReport(params.report_uuid);
        if (!report) return notFound(c);
        if (report.status === 'FINALIZED') return conflict(c, report);
        if (report.status !== 'VALIDATED') return c.json({ detail: 'Validate the report before finalizing it.' }, 400);
        report.status = 'FINALIZED';
        report.status_display = 'Finalized';
        report.finalized_at = isoMicros(ctx.now());
        report.report_number = `${String(report.report_type)}-${String(reports.size).padStart(6, '0')}`;
        const caseRecord = cases.cases.get(String(report.case_uuid));
        if (caseRecord) cases.log(caseRecord, 'REPORT_FINALIZED', { metadata: { report_uuid: report.uuid ?? null } });
        return recordAnswer(c, op('regulatoryReports.finalize'), report);
      },
    },
    'regulatoryReports.getDownloadUrl': {
      behaviour: 'stateful',
      what: 'a URL of its XML or PDF (`?file=`) once FINALIZED (409 before)',
      handle: (c, { params }) => {
        const report = findReport(params.report_uuid);
        if (!report) return notFound(c);
        if (report.status !== 'FINALIZED') {
          return c.json({ detail: 'Report is not finalized yet.', status: report.status ?? null }, 409);
        }
        const file = new URL(c.req.url).searchParams.get('file') === 'pdf' ? 'pdf' : 'xml';
        return recordAnswer(c, op('regulatoryReports.getDownloadUrl'), {
          download_url: `https://${MEDIA_HOST}/reports/${String(report.uuid)}.${file}`,
          file,
        });
      },
    },
  };
}
