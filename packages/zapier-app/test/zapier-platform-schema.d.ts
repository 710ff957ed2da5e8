// zapier-platform-schema ships no type declarations; the tests use only its validator.
declare module 'zapier-platform-schema' {
  const schema: { validateAppDefinition(definition: unknown): { errors: unknown[] } };
  export default schema;
}
