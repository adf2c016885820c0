// The application's credit balance (`GET /v3/billing/balance/`): it starts at `initialBalance`,
// falls by a check's price on every standalone check (v3/checks/), rises on a top-up (the mock
// completes Didit's Stripe checkout at once), and at zero or below the checks and new sessions
// answer Didit's insufficient-credits error. Kept in ten-thousandths, as Didit shows four decimals.

/** What the balance starts at (and `reset()` returns to), in USD. */
export const DEFAULT_BALANCE = 100;

/** The mock's price of each standalone check, in USD (illustrative: Didit's prices depend on the plan). */
export const CHECK_PRICES: Readonly<Record<string, number>> = {
  'idVerification.verify': 0.15,
  'faceMatch.compare': 0.05,
  'ageEstimation.estimate': 0.1,
  'poa.verify': 0.2,
  'aml.screen': 0.2,
  'faceSearch.search': 0.05,
  'kyb.search': 0.5,
  'passiveLiveness.check': 0.05,
  'databaseValidation.validate': 0.3,
  'phone.send': 0.05,
  'email.send': 0.03,
  'walletScreening.screen': 0.2,
};

const UNITS = 10_000;

export class Billing {
  readonly #initial: number;
  #units: number;

  constructor(initialBalance = DEFAULT_BALANCE) {
    this.#initial = Math.round(initialBalance * UNITS);
    this.#units = this.#initial;
  }

  reset(): void {
    this.#units = this.#initial;
  }

  /** `"1234.5600"`, as Didit writes it. */
  get balance(): string {
    return (this.#units / UNITS).toFixed(4);
  }

  /** True while there is credit left for a new session or check. */
  get hasCredit(): boolean {
    return this.#units > 0;
  }

  /** Takes a check's price; false (nothing taken) when the balance cannot cover it. */
  charge(usd: number): boolean {
    const units = Math.round(usd * UNITS);
    if (this.#units <= 0 || this.#units < units) return false;
    this.#units -= units;
    return true;
  }

  topUp(usd: number): void {
    this.#units += Math.round(usd * UNITS);
  }

  /** Sets the balance (the admin route `POST /__mock/billing`). */
  set(usd: number): void {
    this.#units = Math.round(usd * UNITS);
  }
}
