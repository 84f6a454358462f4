import { ArgumentMetadata, Injectable, PipeTransform, ValidationError } from '@nestjs/common';
import { validate } from 'class-validator';

import { badInput } from './app-error.js';

/** Flattens class-validator's tree into "rules.drawdownHorizonDays"-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Global input validation with class-validator: every failure becomes BAD_USER_INPUT naming the
 * first field, with all of them listed in `extensions.problems`.
 *
 * Not Nest's ValidationPipe: it runs inputs through class-transformer, which rebuilds every
 * object it meets by calling its constructor without arguments, and a decimal.js amount that our
 * scalar already parsed does not survive that. Here inputs become instances of their DTO classes
 * (nested inputs by their declared type) and scalar values stay exactly as parsed.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, { metatype, type }: ArgumentMetadata): unknown {
    // Only client input: a global pipe also runs for @Parent, @Context and custom parameters of every
    // field resolver, and validating each parent row of a page cost more than the page (issue 18).
    if (!VALIDATED.has(type) || !metatype || !isDtoClass(metatype) || !isPlainObject(value)) return value;
    return this.validated(metatype, value);
  }

  private async validated(metatype: Constructor, value: Record<string, unknown>): Promise<object> {
    const instance = toInstance(metatype, value);
    const errors = await validate(instance, { forbidUnknownValues: false });
    if (errors.length > 0) {
      const problems = flattenValidationErrors(errors);
      const first = problems[0];
      throw badInput(first.field, `Please check ${first.field}: ${first.message}.`, { problems });
    }
    return instance;
  }
}

type Constructor = new (...args: never[]) => object;

/** Parameter kinds that carry client input: GraphQL @Args (GqlParamtype.ARGS = 3) and HTTP body, query and route params. */
const VALIDATED = new Set<unknown>([3, 'body', 'query', 'param']);

function toInstance(metatype: Constructor, value: Record<string, unknown>): object {
  const instance = Object.create(metatype.prototype) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) {
    const declared = Reflect.getMetadata('design:type', metatype.prototype, key) as Constructor | undefined;
    instance[key] = declared && isDtoClass(declared) && isPlainObject(field) ? toInstance(declared, field) : field;
  }
  return instance;
}

const NATIVE = new Set<unknown>([String, Boolean, Number, Array, Object, Date]);

function isDtoClass(metatype: unknown): metatype is Constructor {
  return typeof metatype === 'function' && !NATIVE.has(metatype) && metatype.prototype !== undefined && metatype.name !== 'Decimal';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
