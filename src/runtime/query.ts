/**
 * A query serialised parameter by parameter, for the operations whose parameters of one kind ask
 * for different ways (`ids` pipe-delimited beside `tags` comma-separated): openapi-fetch's options
 * apply one way per kind of value and call. The generated `operations.js` imports this only for
 * such operations.
 */
import { createQuerySerializer, type QuerySerializerOptions } from 'openapi-fetch';

/**
 * A `querySerializer` that writes each parameter the way `ways` gives for it (by name as sent,
 * percent-encoded), and the others the way OpenAPI's default does (`form`, exploded).
 */
export function perParameter(
  ways: Record<string, QuerySerializerOptions>,
): (query: Record<string, unknown>) => string {
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
