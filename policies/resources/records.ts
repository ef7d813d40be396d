/** A plain object, neither null nor an array: what a property holding settings is. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
