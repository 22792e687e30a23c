/**
 * Parameters written as OpenAPI's styles write them: the query, the path template's `{name}`s and
 * a header's array or object. What openapi-fetch's serializers write (`createQuerySerializer`,
 * `defaultPathSerializer`, `serializeArrayParam`, `serializeObjectParam`), for the values params.ts
 * lets through (texts, flat arrays and plain objects of texts, keys already encoded), in a third of
 * their code: a test holds the two to the same output for every style.
 * @see https://spec.openapis.org/oas/v3.1.0#style-values
 */
import type { QuerySerializerOptions } from 'openapi-fetch';

type Query = Record<string, unknown>;

/** How one parameter is written; `allowReserved` only when `true`, `explode` unless `false`. */
export interface ParamStyle {
  style: string;
  explode?: boolean;
  allowReserved?: boolean;
}

/** An array or object parameter, named `name`, as `style` writes it. */
export function serializeParam(
  name: string,
  value: unknown[] | Query,
  { style, explode, allowReserved }: ParamStyle,
): string {
  const encode = (item: unknown) => (allowReserved === true ? item : encodeURIComponent(item as string));
  const array = Array.isArray(value);
  if (explode === false && (array || style != 'deepObject')) {
    const text = array
      ? value.map(encode).join(style == 'spaceDelimited' ? '%20' : style == 'pipeDelimited' ? '|' : ',')
      : Object.entries(value)
          .flatMap(([key, item]) => [key, encode(item)])
          .join();
    return `${
      style == 'label'
        ? '.'
        : style == 'matrix'
          ? `;${name}=`
          : (array ? style != 'simple' : style == 'form')
            ? `${name}=`
            : ''
    }${text}`;
  }
  const joiner = style == 'simple' ? ',' : style == 'label' ? '.' : style == 'matrix' ? ';' : '&';
  const items = array
    ? value.map((item) => (style == 'simple' || style == 'label' ? encode(item) : `${name}=${encode(item)}`))
    : Object.entries(value).map(
        ([key, item]) => `${style == 'deepObject' ? `${name}[${key}]` : key}=${encode(item)}`,
      );
  return (style == 'label' || style == 'matrix' ? joiner : '') + items.join(joiner);
}

/**
 * The query, each parameter as `options` say (arrays `form` and objects `deepObject`, exploded, unless
 * they say otherwise); an empty array or a null value is left out.
 */
export const createQuerySerializer =
  (options?: QuerySerializerOptions) =>
  (query: Query): string => {
    const search: string[] = [];
    for (const name in query) {
      const value = query[name];
      const array = Array.isArray(value);
      if (value == null || (array && !value.length)) continue;
      search.push(
        typeof value == 'object'
          ? serializeParam(name, value as Query, {
              style: array ? 'form' : 'deepObject',
              ...options?.[array ? 'array' : 'object'],
              allowReserved: options?.allowReserved,
            })
          : `${name}=${options?.allowReserved === true ? value : encodeURIComponent(value as string)}`,
      );
    }
    return search.join('&');
  };

/**
 * The URL with each `{name}` filled in: `simple`, or as the name's marks say (`{.name}` label,
 * `{;name}` matrix, `{name*}` exploded); one without a value is left as it is.
 */
export function serializePath(url: string, params: Query): string {
  for (const match of url.match(/\{[^{}]+\}/g) ?? []) {
    let name = match.slice(1, -1);
    const explode = name.endsWith('*');
    if (explode) name = name.slice(0, -1);
    const style = name[0] == '.' ? 'label' : name[0] == ';' ? 'matrix' : 'simple';
    if (style != 'simple') name = name.slice(1);
    const value = params[name];
    // A text as a list of one, which every style writes as it writes the text.
    if (value != null)
      url = url.replace(
        match,
        serializeParam(name, typeof value == 'object' ? (value as Query) : [value], { style, explode }),
      );
  }
  return url;
}

/**
 * A `querySerializer` that writes each parameter the way `ways` gives for it (by name as sent,
 * percent-encoded), and the others the way OpenAPI's default does (`form`, exploded): for the
 * operations whose parameters of one kind ask for different ways (`ids` pipe-delimited beside
 * `tags` comma-separated), where openapi-fetch's options apply one way per kind of value and call.
 * The generated `operations.js` imports this only for such operations.
 */
export function perParameter(ways: Record<string, QuerySerializerOptions>): (query: Query) => string {
  const serializers = new Map(
    Object.entries(ways).map(([name, options]) => [name, createQuerySerializer(options)]),
  );
  const byDefault = createQuerySerializer({ object: { style: 'form', explode: true } });
  return (query) =>
    Object.keys(query)
      .map((name) => (serializers.get(name) ?? byDefault)({ [name]: query[name] }))
      .filter(Boolean)
      .join('&');
}
