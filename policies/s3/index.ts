// S3 notification semantics shared by the components (at construction) and the pack (at preview).
// Pure TypeScript: no Pulumi imports, so the pack stays publishable on its own.
export * from "./events";
export * from "./filters";
export * from "./overlap";
export * from "./breadth";
