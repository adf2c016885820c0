import { Link } from '../router.tsx';

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link href="/">Go to the start page</Link>.
      </p>
    </>
  );
}
