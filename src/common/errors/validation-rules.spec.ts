import 'reflect-metadata';

import { IsInt, Max, Min, validate } from 'class-validator';

import { rememberValidationRules } from './validation-rules.js';

describe('rememberValidationRules', () => {
  beforeAll(() => rememberValidationRules());

  class Page {
    @IsInt()
    @Min(1)
    first!: number;
  }

  class BoundedPage extends Page {
    @Max(10)
    last!: number;
  }

  const failed = async (object: object) =>
    (await validate(object, { forbidUnknownValues: false })).flatMap((e) => Object.keys(e.constraints ?? {}));

  it('checks the same rules on the second validation of a class as on the first', async () => {
    expect(await failed(Object.assign(new Page(), { first: 0 }))).toEqual(['min']);
    expect(await failed(Object.assign(new Page(), { first: 0 }))).toEqual(['min']);
    expect(await failed(Object.assign(new Page(), { first: 1.5 }))).toEqual(['isInt']);
    expect(await failed(Object.assign(new Page(), { first: 5 }))).toEqual([]);
  });

  it("checks a subclass's own rules and those it inherits, and not the subclass's on its parent", async () => {
    expect((await failed(Object.assign(new BoundedPage(), { first: 0, last: 11 }))).sort()).toEqual(['max', 'min']);
    expect(await failed(Object.assign(new BoundedPage(), { first: 1, last: 10 }))).toEqual([]);
    expect(await failed(Object.assign(new Page(), { first: 1, last: 11 }))).toEqual([]);
    expect((await failed(Object.assign(new BoundedPage(), { first: 1.5, last: 11 }))).sort()).toEqual(['isInt', 'max']);
  });

  it('applies a rule declared after the class was first validated', async () => {
    class Late {
      @IsInt()
      n!: number;
    }
    expect(await failed(Object.assign(new Late(), { n: 100 }))).toEqual([]);
    Max(10)(Late.prototype, 'n');
    expect(await failed(Object.assign(new Late(), { n: 100 }))).toEqual(['max']);
  });
});
