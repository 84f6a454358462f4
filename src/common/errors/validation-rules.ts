import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';

type RuleStorage = {
  getTargetValidationMetadatas(
    target: Function,
    schema: string,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadata[];
  addValidationMetadata(metadata: ValidationMetadata): void;
};

let remembered = false;

/**
 * Makes class-validator look up a class's rules once instead of on every validation.
 *
 * For each object it validates, class-validator collects the rules of its class by testing the
 * class against every other class with rules (`instanceof`, to find inherited ones) and filtering
 * the lists: with this schema's 88 classes that was three quarters of validating a page's
 * arguments (about 16 µs, 4 µs afterwards). The rules only change when a decorator runs, which
 * adds metadata, so the remembered lists are dropped whenever that happens. Validation with
 * groups (which this service does not use) is looked up as before.
 */
export function rememberValidationRules(): void {
  if (remembered) return;
  remembered = true;
  const storage = getMetadataStorage() as unknown as RuleStorage;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let rules = new Map<Function, Map<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata) => {
    rules = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups?.length) return lookUp(target, schema, always, strictGroups, groups);
    const key = `${schema}\n${always}\n${strictGroups}`;
    let ofTarget = rules.get(target);
    if (!ofTarget) rules.set(target, (ofTarget = new Map()));
    let found = ofTarget.get(key);
    if (!found) ofTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
}
