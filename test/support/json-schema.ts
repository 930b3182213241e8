/**
 * A small JSON Schema (2020-12) validator for the keywords the config schema uses. Any other keyword is an error,
 * so a schema change this validator does not understand cannot pass a test silently.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);

export function validateJsonSchema(schema: Schema, data: unknown, path = ""): string[] {
  const errors: string[] = [];
  for (const [keyword, expected] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    const check = CHECKS[keyword];
    if (!check) throw new Error(`json-schema: keyword ${keyword} is not supported by this validator`);
    errors.push(...check(expected, data, path || "(root)", schema));
  }
  return errors;
}

type Check = (expected: unknown, data: unknown, path: string, schema: Schema) => string[];

const isObject = (data: unknown): data is Record<string, unknown> =>
  typeof data === "object" && data !== null && !Array.isArray(data);

const TYPES: Record<string, (data: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (data) => typeof data === "string",
  integer: Number.isInteger,
  number: (data) => typeof data === "number",
};

const fail = (ok: boolean, message: string): string[] => (ok ? [] : [message]);
const when =
  <T>(guard: (data: unknown) => data is T, check: (data: T) => string[]) =>
  (data: unknown) =>
    guard(data) ? check(data) : [];
const isString = (data: unknown): data is string => typeof data === "string";
const isNumber = (data: unknown): data is number => typeof data === "number";

const CHECKS: Record<string, Check> = {
  type: (type, data, path) => fail(TYPES[type as string]?.(data) ?? false, `${path}: must be ${type}`),
  anyOf: (options, data, path) =>
    fail(
      (options as Schema[]).some((option) => !validateJsonSchema(option, data, path).length),
      `${path}: matches none of the allowed forms`,
    ),
  required: (keys, data, path) =>
    when(isObject, (object) =>
      (keys as string[]).filter((key) => !(key in object)).map((key) => `${path}: ${key} is required`),
    )(data),
  properties: (properties, data, path) =>
    when(isObject, (object) =>
      Object.entries(properties as Record<string, Schema>).flatMap(([key, schema]) =>
        key in object ? validateJsonSchema(schema, object[key], `${path}.${key}`) : [],
      ),
    )(data),
  additionalProperties: (allowed, data, path, schema) =>
    when(isObject, (object) =>
      allowed === false
        ? Object.keys(object)
            .filter((key) => !(key in ((schema.properties as Schema) ?? {})))
            .map((key) => `${path}: ${key} is not allowed`)
        : [],
    )(data),
  items: (items, data, path) =>
    when(Array.isArray, (array: unknown[]) =>
      array.flatMap((item, index) => validateJsonSchema(items as Schema, item, `${path}[${index}]`)),
    )(data),
  minItems: (min, data, path) =>
    when(Array.isArray, (array: unknown[]) =>
      fail(array.length >= (min as number), `${path}: too few items`),
    )(data),
  maxItems: (max, data, path) =>
    when(Array.isArray, (array: unknown[]) =>
      fail(array.length <= (max as number), `${path}: too many items`),
    )(data),
  minLength: (min, data, path) =>
    when(isString, (text) => fail(text.length >= (min as number), `${path}: too short`))(data),
  maxLength: (max, data, path) =>
    when(isString, (text) => fail(text.length <= (max as number), `${path}: too long`))(data),
  minimum: (min, data, path) =>
    when(isNumber, (number) => fail(number >= (min as number), `${path}: below ${min}`))(data),
  maximum: (max, data, path) =>
    when(isNumber, (number) => fail(number <= (max as number), `${path}: above ${max}`))(data),
};
