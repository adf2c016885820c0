import type { SessionDecision } from '@didit-kit/core/v1';
import {
  degrees,
  drawLinesOfText,
  PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFPage,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import type { Clock } from './clock.ts';
import { toEncodable } from './transliterate.ts';

// The report `GET /v1/session/{id}/generate-pdf/` returns: every section of the decision,
// laid out on A4 pages with pdf-lib's built-in Helvetica (no font files to ship).

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const LABEL_WIDTH = 150;
const BODY_SIZE = 9.5;
const LINE = 13;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.42, 0.44, 0.48);
const RULE = rgb(0.82, 0.84, 0.87);
const STATUS_COLORS: Record<string, ReturnType<typeof rgb>> = {
  Approved: rgb(0.12, 0.55, 0.3),
  Declined: rgb(0.75, 0.15, 0.15),
  'In Review': rgb(0.8, 0.5, 0.05),
};

type Value = string | number | boolean | null | undefined;

/** Lays text out top to bottom, starting a new page when the current one is full. */
class Report {
  readonly #doc: PDFDocument;
  readonly #regular: PDFFont;
  readonly #bold: PDFFont;
  readonly #encodable: ReadonlySet<number>;
  readonly #widths = new Map<string, Map<string, number>>();
  #page: PDFPage;
  /** The current page's resource name for each font (see `#draw`). */
  #fontKeys = new Map<PDFFont, PDFName>();
  #y = 0;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.#doc = doc;
    this.#regular = regular;
    this.#bold = bold;
    this.#encodable = new Set(regular.getCharacterSet());
    this.#page = this.#newPage();
  }

  title(text: string, subtitle: string): void {
    this.#draw(text, MARGIN, this.#bold, 18, INK);
    this.#y -= 24;
    for (const line of this.#wrap(subtitle, this.#regular, BODY_SIZE, PAGE[0] - 2 * MARGIN)) {
      this.#draw(line, MARGIN, this.#regular, BODY_SIZE, MUTED);
      this.#y -= LINE;
    }
    this.#y -= 6;
  }

  status(status: string): void {
    const label = `Status: ${status}`;
    const width = this.#bold.widthOfTextAtSize(this.#safe(label), 12) + 16;
    const color = STATUS_COLORS[status] ?? MUTED;
    this.#ensure(26);
    this.#page.drawRectangle({ x: MARGIN, y: this.#y - 6, width, height: 22, color, opacity: 0.12 });
    this.#page.drawRectangle({ x: MARGIN, y: this.#y - 6, width: 3, height: 22, color });
    this.#draw(label, MARGIN + 9, this.#bold, 12, color);
    this.#y -= 30;
  }

  heading(text: string): void {
    this.#ensure(40);
    this.#y -= 8;
    this.#draw(text, MARGIN, this.#bold, 13, INK);
    this.#y -= 6;
    this.#page.drawLine({
      start: { x: MARGIN, y: this.#y },
      end: { x: PAGE[0] - MARGIN, y: this.#y },
      thickness: 0.6,
      color: RULE,
    });
    this.#y -= 14;
  }

  subheading(text: string): void {
    this.#ensure(28);
    this.#y -= 2;
    this.#draw(text, MARGIN, this.#bold, 10.5, INK);
    this.#y -= LINE + 2;
  }

  field(label: string, value: Value): void {
    const lines = this.#wrap(show(value), this.#regular, BODY_SIZE, PAGE[0] - 2 * MARGIN - LABEL_WIDTH);
    for (const [i, line] of lines.entries()) {
      this.#ensure(LINE);
      if (i === 0) this.#draw(label, MARGIN, this.#bold, BODY_SIZE, MUTED);
      this.#draw(line, MARGIN + LABEL_WIDTH, this.#regular, BODY_SIZE, INK);
      this.#y -= LINE;
    }
  }

  paragraph(text: string, color = INK): void {
    for (const line of this.#wrap(text, this.#regular, BODY_SIZE, PAGE[0] - 2 * MARGIN)) {
      this.#ensure(LINE);
      this.#draw(line, MARGIN, this.#regular, BODY_SIZE, color);
      this.#y -= LINE;
    }
  }

  gap(points = 6): void {
    this.#y -= points;
  }

  /** Numbers every page once the content is laid out. */
  footers(text: string): void {
    const pages = this.#doc.getPages();
    for (const [i, page] of pages.entries()) {
      const footer = this.#safe(`${text}  |  page ${i + 1} of ${pages.length}`);
      page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 7.5, font: this.#regular, color: MUTED });
    }
  }

  #newPage(): PDFPage {
    this.#page = this.#doc.addPage(PAGE);
    this.#fontKeys = new Map();
    this.#y = PAGE[1] - MARGIN;
    return this.#page;
  }

  #ensure(height: number): void {
    if (this.#y - height < MARGIN) this.#newPage();
  }

  /**
   * One line of text. The operators `page.drawText` would write, but with one font resource per
   * font and page: `drawText` adds a new entry to the page's font dictionary on every call (after
   * a scan of the existing ones), so a page of many short lines grew a dictionary of hundreds.
   */
  #draw(text: string, x: number, font: PDFFont, size: number, color: ReturnType<typeof rgb>): void {
    let key = this.#fontKeys.get(font);
    if (key === undefined) {
      key = this.#page.node.newFontDictionary(font.name, font.ref);
      this.#fontKeys.set(font, key);
    }
    this.#page.pushOperators(
      ...drawLinesOfText([font.encodeText(this.#safe(text))], {
        x,
        y: this.#y,
        size,
        lineHeight: size,
        font: key,
        color,
        rotate: degrees(0),
        xSkew: degrees(0),
        ySkew: degrees(0),
      }),
    );
  }

  #safe(text: string): string {
    return toEncodable(text, this.#encodable);
  }

  /**
   * Word-wraps to `width`; a word longer than a line (a URL) is cut where it must be. Linear in the
   * text: each character's width is looked up once (cached per font and size) and the widths are
   * summed as the line grows, rather than measuring ever longer candidate strings (which made a
   * 5,000-character word take seconds). The sum is what a PDF viewer draws: `drawText` places the
   * glyphs at their advance widths, without kerning.
   */
  #wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const measure = this.#measurer(font, size);
    const space = measure(' ');
    const lines: string[] = [];
    for (const paragraph of this.#safe(text.replace(/\r\n?/g, '\n')).split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(/ +/)) {
        let wordWidth = 0;
        for (let i = 0; i < word.length; i++) wordWidth += measure(word[i]!);
        if (line === '' && wordWidth <= width) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        if (line !== '' && lineWidth + space + wordWidth <= width) {
          line = `${line} ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        if (wordWidth <= width) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        // Too long for any line: cut it greedily, at least one character per line.
        let start = 0;
        let pieceWidth = 0;
        for (let i = 0; i < word.length; i++) {
          const charWidth = measure(word[i]!);
          if (i > start && pieceWidth + charWidth > width) {
            lines.push(word.slice(start, i));
            start = i;
            pieceWidth = 0;
          }
          pieceWidth += charWidth;
        }
        line = word.slice(start);
        lineWidth = pieceWidth;
      }
      lines.push(line);
    }
    return lines;
  }

  /** The width of one character at `size`, cached: text is WinAnsi by now (`#safe`), one code unit per character. */
  #measurer(font: PDFFont, size: number): (char: string) => number {
    const key = `${font === this.#bold ? 'bold' : 'regular'}:${size}`;
    let widths = this.#widths.get(key);
    if (widths === undefined) {
      widths = new Map();
      this.#widths.set(key, widths);
    }
    const cache = widths;
    return (char) => {
      let w = cache.get(char);
      if (w === undefined) {
        w = font.widthOfTextAtSize(char, size);
        cache.set(char, w);
      }
      return w;
    };
  }
}

function show(value: Value): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

function percent(value: number | null | undefined, scale = 1): string | undefined {
  return typeof value === 'number' ? `${Number((value * scale).toFixed(2))}%` : undefined;
}

function joined(values: readonly (string | null | undefined)[], separator = ', '): string {
  return values.filter((v): v is string => typeof v === 'string' && v !== '').join(separator);
}

/** Builds the PDF report of a decision. Deterministic for a given decision and clock. */
export async function renderDecisionPdf(decision: SessionDecision, options: { now: Clock }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const created = new Date(options.now());
  doc.setTitle(`Didit verification report, session ${decision.session_id}`);
  doc.setSubject(`Status: ${decision.status}`);
  doc.setAuthor('didit-kit mock server');
  doc.setCreator('@didit-kit/mock-server');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const report = new Report(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  report.title(
    'Identity verification report',
    'Generated by the didit-kit mock server from test data: not a real verification. ' +
      'Names in scripts the PDF fonts cannot draw are transliterated.',
  );
  report.status(decision.status);

  report.heading('Session');
  report.field('Session ID', decision.session_id);
  report.field('Session number', decision.session_number);
  report.field('Vendor data', decision.vendor_data);
  report.field('Features', decision.features);
  report.field('Created', decision.created_at);
  report.field('Callback', decision.callback);
  report.field('Session URL', decision.session_url);

  kycSection(report, decision.kyc);
  amlSection(report, decision.aml);
  faceSection(report, decision.face);
  locationSection(report, decision.location);

  report.heading(`Warnings (${decision.warnings.length})`);
  if (decision.warnings.length === 0) report.paragraph('No warnings.', MUTED);
  for (const warning of decision.warnings) {
    report.subheading(`${warning.risk}${warning.log_type ? ` (${warning.log_type})` : ''}`);
    report.field('Feature', warning.feature);
    report.field('Summary', warning.short_description);
    report.field('Details', warning.long_description);
    report.gap(4);
  }

  report.heading(`Reviews (${decision.reviews.length})`);
  if (decision.reviews.length === 0) report.paragraph('No manual reviews.', MUTED);
  for (const review of decision.reviews) {
    report.subheading(`${review.new_status} by ${show(review.user)}`);
    report.field('When', review.created_at);
    report.field('Comment', review.comment);
    report.gap(4);
  }

  report.footers(`Session ${decision.session_id}  |  generated ${created.toISOString()}`);
  return doc.save();
}

function notRun(report: Report): void {
  report.paragraph('Not run for this session, or not finished yet.', MUTED);
}

function kycSection(report: Report, kyc: SessionDecision['kyc']): void {
  report.heading('Identity document (KYC)');
  if (!kyc) {
    notRun(report);
    return;
  }
  report.field('Status', kyc.status);
  report.field('OCR / ePassport', joined([kyc.ocr_status, kyc.epassport_status], ' / '));
  report.field('Document', joined([kyc.document_type, kyc.document_number]));
  report.field('Personal number', kyc.personal_number);
  report.field('Full name', kyc.full_name ?? joined([kyc.first_name, kyc.last_name], ' '));
  report.field('Date of birth', kyc.date_of_birth);
  report.field('Gender', kyc.gender);
  report.field('Nationality', kyc.nationality);
  report.field('Place of birth', kyc.place_of_birth);
  report.field('Marital status', kyc.marital_status);
  report.field('Issuing state', joined([kyc.issuing_state_name, kyc.issuing_state && `(${kyc.issuing_state})`], ' '));
  report.field('Issued / expires', joined([kyc.date_of_issue, kyc.expiration_date], ' / '));
  report.field('Address', kyc.formatted_address ?? kyc.address);
  report.field('NFC chip verified', kyc.is_nfc_verified);
}

function amlSection(report: Report, aml: SessionDecision['aml']): void {
  report.heading('Anti-money-laundering screening (AML)');
  if (!aml) {
    notRun(report);
    return;
  }
  report.field('Status', aml.status);
  report.field('Hits', aml.total_hits);
  report.field('Highest score', typeof aml.score === 'number' ? `${aml.score} / 100` : undefined);
  for (const [i, hit] of aml.hits.entries()) {
    report.subheading(`Hit ${i + 1}: ${show(hit.caption)}`);
    report.field('Score', percent(hit.score, 100));
    report.field('Match / target', `${show(hit.match)} / ${show(hit.target)}`);
    report.field('Datasets', joined(hit.datasets ?? []));
    const properties = hit.properties ?? {};
    for (const key of ['alias', 'position', 'topics', 'notes'] as const) {
      const values = properties[key];
      if (values && values.length > 0) report.field(key[0]!.toUpperCase() + key.slice(1), values.join('; '));
    }
    report.field('First / last seen', joined([hit.first_seen, hit.last_seen], ' / '));
    report.gap(4);
  }
}

function faceSection(report: Report, face: SessionDecision['face']): void {
  report.heading('Face match and liveness');
  if (!face) {
    notRun(report);
    return;
  }
  report.field('Status', face.status);
  report.field('Face match', joined([face.face_match_status, percent(face.face_match_similarity)], ', '));
  report.field('Liveness', joined([face.liveness_status, percent(face.liveness_confidence)], ', '));
  report.field('Estimated age', typeof face.age_estimation === 'number' ? Math.round(face.age_estimation) : undefined);
  const gender = face.gender_estimation;
  report.field(
    'Estimated gender',
    gender
      ? joined([
          percent(gender.male) && `male ${percent(gender.male)}`,
          percent(gender.female) && `female ${percent(gender.female)}`,
        ])
      : undefined,
  );
}

function locationSection(report: Report, location: SessionDecision['location']): void {
  report.heading('Location and device');
  if (!location) {
    notRun(report);
    return;
  }
  report.field('Status', location.status);
  report.field(
    'Device',
    joined([location.device_brand, location.device_model, location.platform && `(${location.platform})`], ' '),
  );
  report.field('Browser / OS', joined([location.browser_family, location.os_family], ' / '));
  report.field('IP address', location.ip_address);
  report.field('IP location', joined([location.ip_city, location.ip_state, location.ip_country]));
  report.field('ISP / organization', joined([location.isp, location.organization], ' / '));
  report.field('VPN or Tor', location.is_vpn_or_tor);
  report.field('Data center', location.is_data_center);
  report.field('Time zone', joined([location.time_zone, location.time_zone_offset], ' '));
  const distance = location.distance_from_document_to_ip_km;
  report.field(
    'Document to IP',
    distance && typeof distance.distance === 'number'
      ? `${distance.distance} km ${show(distance.direction)}`
      : undefined,
  );
}
