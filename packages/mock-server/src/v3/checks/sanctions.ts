// The mock's small sanctions list: `POST /v3/aml/` reports a hit for these names (the seed
// decisions' Kozlov Sergey Alexandrovich among them) and none for any other. A name matches
// whatever the order of its words, their case and accents ("sergey kozlov alexandrovich" too).

export interface SanctionedPerson {
  /** The name as the list has it. */
  readonly name: string;
  readonly datasets: readonly string[];
  readonly country: string;
  readonly birthDate: string;
  readonly notes: string;
  /** When it was listed (YYYY-MM-DD). */
  readonly listedOn: string;
}

export const SANCTIONS: readonly SanctionedPerson[] = [
  {
    name: 'Kozlov Sergey Alexandrovich',
    datasets: ['Sanctions', 'EU Financial Sanctions', 'OFAC SDN'],
    country: 'Russia',
    birthDate: '1963-11-07',
    notes: 'Listed for undermining the territorial integrity of Ukraine.',
    listedOn: '2022-02-23',
  },
  {
    name: 'Ivan Petrovich Sidorov',
    datasets: ['Sanctions', 'UK HMT Sanctions'],
    country: 'Belarus',
    birthDate: '1970-04-12',
    notes: 'Asset freeze.',
    listedOn: '2021-06-21',
  },
  {
    name: 'Mohammed Al Example',
    datasets: ['Sanctions', 'UN Security Council Consolidated List'],
    country: 'Syria',
    birthDate: '1968-01-01',
    notes: 'Travel ban and asset freeze.',
    listedOn: '2012-05-14',
  },
];

/** The words of a name, without case, accents or punctuation, sorted. */
function words(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

const INDEX = new Map(SANCTIONS.map((person) => [words(person.name), person]));

/** The listed person `fullName` names, if any. */
export function sanctionedPerson(fullName: string): SanctionedPerson | undefined {
  return INDEX.get(words(fullName));
}
