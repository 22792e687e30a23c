/**
 * The modules of openapi-typescript the types stage imports (its package exports them, without
 * declarations of their own): importing the package's entry would load its copy of Redocly, for
 * `openapiTS()`'s parse and bundle steps, which the stage does not run (about 0.3 s of a cold run).
 */
declare module 'openapi-typescript/dist/lib/ts.js' {
  export { astToString } from 'openapi-typescript';
}
declare module 'openapi-typescript/dist/lib/utils.js' {
  export { createRef, resolveRef, scanDiscriminators, warn } from 'openapi-typescript';
}
declare module 'openapi-typescript/dist/transform/index.js' {
  import { transformSchema } from 'openapi-typescript';
  export default transformSchema;
}
declare module 'openapi-typescript/dist/transform/schema-object.js' {
  import { transformSchemaObject } from 'openapi-typescript';
  export default transformSchemaObject;
}
