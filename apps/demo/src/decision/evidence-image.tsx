import { useState } from 'react';

/**
 * An image from the decision. In production these are short-lived signed URLs, so one
 * that has expired (or cannot be reached) is replaced by its description, not a broken icon.
 */
export function EvidenceImage({ src, alt, caption }: { src: string | null | undefined; alt: string; caption: string }) {
  const [failed, setFailed] = useState(false);
  if (!src) return null;
  return (
    <figure className="evidence">
      {failed ? (
        <div className="evidence-missing" role="img" aria-label={alt}>
          Image unavailable (the link may have expired)
        </div>
      ) : (
        <img src={src} alt={alt} referrerPolicy="no-referrer" onError={() => setFailed(true)} />
      )}
      <figcaption>
        <a href={src} target="_blank" rel="noreferrer noopener">
          {caption}
        </a>
      </figcaption>
    </figure>
  );
}
