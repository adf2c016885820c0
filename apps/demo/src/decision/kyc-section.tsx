import type { Kyc } from '@didit-kit/core/v1';
import { EvidenceImage } from './evidence-image.tsx';
import { Fields, NotRun, Section } from './fields.tsx';
import { EMPTY, formatDate, formatDateTime, formatFlag, formatText } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

function country(name: string | null | undefined, code: string | null | undefined): string {
  if (name && code) return `${name} (${code})`;
  return name || code || EMPTY;
}

export function KycSection({ kyc }: { kyc: Kyc | null | undefined }) {
  if (!kyc) {
    return (
      <Section id="kyc" title="Identity document (KYC)">
        <NotRun feature="Document verification" />
      </Section>
    );
  }
  const who = kyc.full_name || [kyc.first_name, kyc.last_name].filter(Boolean).join(' ') || 'the holder';
  const images = [
    { src: kyc.portrait_image, alt: `Portrait of ${who} from the document`, caption: 'Portrait' },
    { src: kyc.front_image, alt: `Front of ${who}'s document`, caption: 'Front' },
    { src: kyc.back_image, alt: `Back of ${who}'s document`, caption: 'Back' },
    { src: kyc.full_front_image, alt: `Full front page of ${who}'s document`, caption: 'Full front' },
    { src: kyc.full_back_image, alt: `Full back page of ${who}'s document`, caption: 'Full back' },
  ].filter((image) => image.src);
  const videos = [
    { src: kyc.front_video, label: 'Front video' },
    { src: kyc.back_video, label: 'Back video' },
  ].filter((video) => video.src);

  return (
    <Section id="kyc" title="Identity document (KYC)" status={<StatusBadge status={kyc.status} label="KYC status" />}>
      <Fields
        fields={[
          { label: 'Document type', value: formatText(kyc.document_type) },
          { label: 'Document number', value: formatText(kyc.document_number) },
          { label: 'Personal number', value: formatText(kyc.personal_number) },
          { label: 'Issuing country', value: country(kyc.issuing_state_name, kyc.issuing_state) },
          { label: 'First name', value: formatText(kyc.first_name) },
          { label: 'Last name', value: formatText(kyc.last_name) },
          { label: 'Full name', value: formatText(kyc.full_name) },
          { label: 'Date of birth', value: formatDate(kyc.date_of_birth) },
          { label: 'Date of issue', value: formatDate(kyc.date_of_issue) },
          { label: 'Expiration date', value: formatDate(kyc.expiration_date) },
          { label: 'Nationality', value: formatText(kyc.nationality) },
          { label: 'Gender', value: formatText(kyc.gender) },
          { label: 'Place of birth', value: formatText(kyc.place_of_birth) },
          { label: 'Marital status', value: formatText(kyc.marital_status) },
          { label: 'Address', value: formatText(kyc.formatted_address || kyc.address) },
          { label: 'OCR', value: kyc.ocr_status ? <StatusBadge status={kyc.ocr_status} /> : EMPTY },
          {
            label: 'ePassport chip',
            value: kyc.epassport_status ? <StatusBadge status={kyc.epassport_status} /> : EMPTY,
          },
          { label: 'NFC verified', value: formatFlag(kyc.is_nfc_verified) },
          { label: 'Checked at', value: formatDateTime(kyc.created_at) },
        ]}
      />
      {images.length > 0 ? (
        <div className="gallery-strip">
          {images.map((image) => (
            <EvidenceImage key={image.caption} src={image.src} alt={image.alt} caption={image.caption} />
          ))}
        </div>
      ) : (
        <p className="muted">No document images in this decision.</p>
      )}
      {videos.length > 0 ? (
        <ul className="inline-list" aria-label="Document videos">
          {videos.map((video) => (
            <li key={video.label}>
              <a href={video.src ?? undefined} target="_blank" rel="noreferrer noopener">
                {video.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
