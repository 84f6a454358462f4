import { Type } from '@mikro-orm/core';

import { type LocalDate } from './local-date.js';

/** Maps a PostgreSQL `date` column to a 'YYYY-MM-DD' string, whatever the driver hands back. */
export class LocalDateType extends Type<LocalDate | null | undefined, string | null | undefined> {
  override convertToDatabaseValue(value: LocalDate | null | undefined): string | null | undefined {
    return value;
  }

  override convertToJSValue(value: string | Date | null | undefined): LocalDate | null | undefined {
    if (value === null || value === undefined) return value;
    if (value instanceof Date) {
      // node-postgres parses `date` as local midnight; read the local components back.
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
    }
    return value.slice(0, 10);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return 'date';
  }
}
