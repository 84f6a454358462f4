import { ArgumentMetadata, Injectable, PipeTransform, ValidationError } from '@nestjs/common';
import { TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage, validate, ValidationTypes } from 'class-validator';

import { checkStorable, cleanText, isVerbatimField } from '../text/text-policy.js';
import { badInput } from './app-error.js';
import { rememberValidationRules } from './validation-rules.js';

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
 * (nested inputs and the elements of nested lists by their declared GraphQL type, whether they came
 * inline or as variables, so element validators always run) and scalar values stay exactly as
 * parsed. Every text goes through the text policy (src/common/text/text-policy.ts) first.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  constructor() {
    rememberValidationRules();
  }

  transform(value: unknown, { metatype, type, data }: ArgumentMetadata): unknown {
    // Only client input: a global pipe also runs for @Parent, @Context and custom parameters of every
    // field resolver, and validating each parent row of a page cost more than the page.
    if (!VALIDATED.has(type)) return value;
    if (typeof value === 'string' && data) return isVerbatimField(data) ? checkStorable(value, data) : cleanText(value, data);
    if (!metatype || !isDtoClass(metatype) || !isPlainObject(value)) return value;
    return this.validated(metatype, value);
  }

  private async validated(metatype: Constructor, value: Record<string, unknown>): Promise<object> {
    const instance = toInstance(metatype, value, '');
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

function toInstance(metatype: Constructor, value: Record<string, unknown>, prefix: string): object {
  const instance = Object.create(metatype.prototype) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const declared = Reflect.getMetadata('design:type', metatype.prototype, key) as Constructor | undefined;
    if (Array.isArray(field)) {
      const element = listElementType(metatype, key);
      instance[key] = field.map((item, index) => convert(element, item, `${path}.${index}`, metatype, key));
    } else {
      instance[key] = convert(declared, field, path, metatype, key);
    }
  }
  return instance;
}

function convert(type: Constructor | undefined, value: unknown, path: string, owner: Constructor, key: string): unknown {
  if (typeof value === 'string') return cleanField(value, path, owner, key);
  if (type && isDtoClass(type) && isPlainObject(value)) return toInstance(type, value, path);
  return value;
}

/**
 * Text under the policy; blank text is refused unless the field is optional. An optional blank
 * text is passed on as given (a tab as a CSV delimiter), so the field's own validators judge it.
 */
function cleanField(value: string, path: string, owner: Constructor, key: string): string | undefined {
  if (isVerbatimField(key)) return checkStorable(value, path);
  const text = cleanText(value, path);
  if (text !== '') return text;
  if (isOptional(owner, key)) return value;
  throw badInput(path, `${path} must not be blank.`);
}

function isOptional(owner: Constructor, key: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(owner, '', true, false)
    .some((m) => m.propertyName === key && m.type === ValidationTypes.CONDITIONAL_VALIDATION);
}

/** The element class of a list field, from its GraphQL declaration (`@Field(() => [LineInput])`), also when inherited. */
function listElementType(metatype: Constructor, key: string): Constructor | undefined {
  for (let target: unknown = metatype; typeof target === 'function' && target !== Object; target = Object.getPrototypeOf(target)) {
    const property = TypeMetadataStorage.getInputTypeMetadataByTarget(target as Constructor)?.properties?.find((p) => p.name === key);
    if (property) {
      const type = property.typeFn();
      const element = Array.isArray(type) ? type[0] : type;
      return isDtoClass(element) ? element : undefined;
    }
  }
  return undefined;
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
