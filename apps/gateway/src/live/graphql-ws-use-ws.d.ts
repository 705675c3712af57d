/**
 * TypeScript's `moduleResolution: node` does not read package `exports`, where graphql-ws declares its
 * `ws` adapter; Node reads them at run time. This points the types at the file `exports` names.
 */
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
