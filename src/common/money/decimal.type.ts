import { Type } from '@mikro-orm/core';
import { Decimal } from 'decimal.js';

/** Maps a PostgreSQL numeric(precision, scale) column to a decimal.js value and back, never through a float. */
export class DecimalType extends Type<Decimal | null | undefined, string | null | undefined> {
  constructor(
    private readonly precision = 14,
    private readonly scale = 2,
  ) {
    super();
  }

  override convertToDatabaseValue(value: Decimal | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return new Decimal(value).toFixed(this.scale);
  }

  override convertToJSValue(value: Decimal | string | null | undefined): Decimal | null | undefined {
    if (value === null || value === undefined) return value;
    return value instanceof Decimal ? value : new Decimal(value);
  }

  override compareAsType(): string {
    return 'string';
  }

  /** Tells em.assign() that a Decimal is the expected value, not the database's string. */
  override get runtimeType(): string {
    return 'Decimal';
  }

  override getColumnType(): string {
    return `numeric(${this.precision},${this.scale})`;
  }
}

/** numeric(14,2): every money column. */
export class MoneyType extends DecimalType {
  constructor() {
    super(14, 2);
  }
}

/** numeric(5,2): percentages such as a funding rate of 90.00 or an overrun tolerance of 20.00. */
export class PercentType extends DecimalType {
  constructor() {
    super(5, 2);
  }
}
