import type { Review } from '@didit-kit/core/v1';
import { Section } from './fields.tsx';
import { formatDateTime, formatText } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

/** Manual reviews, oldest first, as a timeline. */
export function ReviewsSection({ reviews }: { reviews: Review[] }) {
  const ordered = [...reviews].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  return (
    <Section id="reviews" title={`Reviews (${reviews.length})`}>
      {ordered.length === 0 ? (
        <p className="muted">Nobody has reviewed this session by hand.</p>
      ) : (
        <ol className="timeline">
          {ordered.map((review) => (
            <li key={`${review.created_at}:${review.user}:${review.new_status}`}>
              <p>
                <time dateTime={review.created_at ?? undefined}>{formatDateTime(review.created_at)}</time>{' '}
                <span>{formatText(review.user)}</span> set the status to <StatusBadge status={review.new_status} />
              </p>
              {review.comment ? <blockquote>{review.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
