import type { Face } from '@didit-kit/core/v1';
import { EvidenceImage } from './evidence-image.tsx';
import { Fields, NotRun, Section } from './fields.tsx';
import { EMPTY, formatNumber } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

export function FaceSection({ face }: { face: Face | null | undefined }) {
  if (!face) {
    return (
      <Section id="face" title="Face match and liveness">
        <NotRun feature="Face verification" />
      </Section>
    );
  }
  const gender = face.gender_estimation;
  return (
    <Section
      id="face"
      title="Face match and liveness"
      status={<StatusBadge status={face.status} label="Face status" />}
    >
      <Fields
        fields={[
          {
            label: 'Face match',
            value: face.face_match_status ? <StatusBadge status={face.face_match_status} /> : EMPTY,
          },
          { label: 'Match similarity', value: formatNumber(face.face_match_similarity, ' %') },
          { label: 'Liveness', value: face.liveness_status ? <StatusBadge status={face.liveness_status} /> : EMPTY },
          { label: 'Liveness confidence', value: formatNumber(face.liveness_confidence, ' %') },
          { label: 'Estimated age', value: formatNumber(face.age_estimation) },
          {
            label: 'Estimated gender',
            value: gender
              ? `male ${formatNumber(gender.male, ' %')}, female ${formatNumber(gender.female, ' %')}`
              : EMPTY,
          },
        ]}
      />
      <div className="gallery-strip">
        <EvidenceImage src={face.source_image} alt="Selfie taken during the liveness check" caption="Selfie" />
        <EvidenceImage
          src={face.target_image}
          alt="Document portrait the selfie was compared with"
          caption="Compared with"
        />
      </div>
      {face.video_url ? (
        <p>
          <a href={face.video_url} target="_blank" rel="noreferrer noopener">
            Liveness video
          </a>
        </p>
      ) : null}
    </Section>
  );
}
