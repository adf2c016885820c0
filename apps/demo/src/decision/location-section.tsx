import type { Kyc, Location } from '@didit-kit/core/v1';
import { Fields, NotRun, Section } from './fields.tsx';
import { EMPTY, formatFlag, formatNumber, formatText } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

function join(parts: Array<string | null | undefined>): string {
  return parts.filter(Boolean).join(', ') || EMPTY;
}

/** Compares by name: Didit sends the IP country as alpha-2 and the document's as alpha-3. */
function countriesDiffer(location: Location, kyc: Kyc | null | undefined): boolean | undefined {
  const ip = location.ip_country?.trim().toLowerCase();
  const document = kyc?.issuing_state_name?.trim().toLowerCase();
  return ip && document ? ip !== document : undefined;
}

function Flag({ value, risk }: { value: boolean | null | undefined; risk: string }) {
  return <span className={value ? 'flag flag-on' : 'flag'}>{value ? `Yes: ${risk}` : formatFlag(value)}</span>;
}

export function LocationSection({ location, kyc }: { location: Location | null | undefined; kyc?: Kyc | null }) {
  if (!location) {
    return (
      <Section id="location" title="Location and device">
        <NotRun feature="IP and device analysis" />
      </Section>
    );
  }
  const differ = countriesDiffer(location, kyc);
  const distance = location.distance_from_document_to_ip_km;
  return (
    <Section
      id="location"
      title="Location and device"
      status={location.status ? <StatusBadge status={location.status} label="Location status" /> : undefined}
    >
      <table className="table">
        <caption>IP address against the document</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Fact</span>
            </th>
            <th scope="col">From the IP address</th>
            <th scope="col">From the document</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Country</th>
            <td>{join([location.ip_country, location.ip_country_code])}</td>
            <td>{join([kyc?.issuing_state_name, kyc?.issuing_state])}</td>
          </tr>
          <tr>
            <th scope="row">Coordinates</th>
            <td>{coordinates(location.ip_location ?? location)}</td>
            <td>{coordinates(location.document_location)}</td>
          </tr>
        </tbody>
      </table>
      {differ !== undefined ? (
        <p className={differ ? 'callout callout-warn' : 'callout'}>
          {differ ? 'The IP country does not match the document country.' : 'The IP country matches the document.'}
        </p>
      ) : null}
      <Fields
        fields={[
          {
            label: 'Distance from document to IP',
            value: distance ? `${formatNumber(distance.distance, ' km')} ${distance.direction ?? ''}`.trim() : EMPTY,
          },
          { label: 'VPN or Tor', value: <Flag value={location.is_vpn_or_tor} risk="traffic is anonymised" /> },
          {
            label: 'Data centre IP',
            value: <Flag value={location.is_data_center} risk="not a home or mobile network" />,
          },
          { label: 'IP address', value: formatText(location.ip_address) },
          { label: 'City', value: join([location.ip_city, location.ip_state]) },
          { label: 'ISP', value: join([location.isp, location.organization]) },
          { label: 'Time zone', value: join([location.time_zone, location.time_zone_offset]) },
          { label: 'Device', value: join([location.device_brand, location.device_model, location.platform]) },
          { label: 'Browser', value: join([location.browser_family, location.os_family]) },
        ]}
      />
    </Section>
  );
}

function coordinates(point: { latitude?: number | null; longitude?: number | null } | null | undefined): string {
  if (typeof point?.latitude !== 'number' || typeof point.longitude !== 'number') return EMPTY;
  return `${formatNumber(point.latitude)}, ${formatNumber(point.longitude)}`;
}
