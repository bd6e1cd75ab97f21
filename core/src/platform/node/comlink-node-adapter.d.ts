// comlink ships `node-adapter.d.ts` but TypeScript looks for `.d.mts` beside the `.mjs` it imports.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export * from 'comlink/dist/esm/node-adapter';
  export { default } from 'comlink/dist/esm/node-adapter';
}
