// Plain-data args name one thing by one of several fields (`function` or `functionArn`), the way
// pulumi-awsx does, because the schema every language reads has no unions. Which one was given is
// checked at run time, before anything registers.

/** A problem with one field of the args: its path and what to do. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const list = (names: readonly string[]) =>
  // Stryker disable next-line EqualityOperator: equivalent, two names read the same either way (`a` or `b`).
  names.length <= 2 ? names.map((n) => `\`${n}\``).join(" or ") : `${names.slice(0, -1).map((n) => `\`${n}\``).join(", ")} or \`${names[names.length - 1]}\``;

/**
 * The one field of `names` set in `value`, or the problem: more than one set (always), none set
 * (when `required`). `field` is the path of `value` in the args, used for the message.
 */
export function onlyOne<K extends string>(
  field: string,
  value: object,
  names: readonly K[],
  required: boolean,
): { chosen: K | undefined; problems: FieldProblem[] } {
  const record = value as Partial<Record<K, unknown>>;
  const given = names.filter((n) => record[n] !== undefined && record[n] !== null);
  if (given.length > 1) {
    return {
      chosen: undefined,
      problems: [{ field, message: `Only one of ${list(names)} can be provided (found ${list(given).replace(" or ", " and ")}); remove the others.` }],
    };
  }
  if (given.length === 0 && required) {
    return { chosen: undefined, problems: [{ field, message: `One of ${list(names)} is required.` }] };
  }
  return { chosen: given[0], problems: [] };
}

/** `field` under `base`, as a path: `consumer` + `timeoutSeconds` = `consumer.timeoutSeconds`. */
export const under = (base: string, field: string) => (base === "" ? field : field === "" ? base : `${base}.${field}`);
