import { IsInt, IsOptional, IsString, MetadataStorage, validate } from 'class-validator';
import { getMetadataStorage } from 'class-validator';
import { memoiseValidationMetadata } from './validation';

class BaseQuery {
  @IsOptional()
  @IsInt()
  limit?: unknown;
}

class ChildQuery extends BaseQuery {
  @IsString()
  q?: unknown;
}

describe('memoiseValidationMetadata', () => {
  it('answers each lookup as class-validator does, computing it once per class and options', () => {
    const storage = getMetadataStorage();
    const fresh = Object.create(Object.getPrototypeOf(storage) as object) as MetadataStorage;
    Object.assign(fresh, storage);
    const expected = fresh.getTargetValidationMetadatas(ChildQuery, '', false, false);
    memoiseValidationMetadata(fresh);
    const first = fresh.getTargetValidationMetadatas(ChildQuery, '', false, false);
    expect(first).toEqual(expected);
    // inherited rules included, the child's own too
    expect(first.map((m) => m.propertyName).sort()).toEqual(['limit', 'limit', 'q']);
    expect(fresh.getTargetValidationMetadatas(ChildQuery, '', false, false)).toBe(first);
    // other options or another class: their own answer
    expect(fresh.getTargetValidationMetadatas(ChildQuery, '', false, false, ['g'])).not.toBe(first);
    expect(fresh.getTargetValidationMetadatas(BaseQuery, '', false, false).map((m) => m.propertyName)).toEqual(['limit', 'limit']);
  });

  it('leaves validation as it was (with the global storage memoised)', async () => {
    memoiseValidationMetadata();
    memoiseValidationMetadata();
    const bad = Object.assign(new ChildQuery(), { limit: 'x', q: 3 });
    const errors = await validate(bad);
    expect(errors.map((e) => e.property).sort()).toEqual(['limit', 'q']);
    expect(await validate(Object.assign(new ChildQuery(), { q: 'a' }))).toEqual([]);
  });
});
