/** A field whose value is outside what AWS accepts, with the allowed values spelled out. */
export interface LimitProblem {
  readonly field: string;
  readonly message: string;
}

/** Checks a whole-number setting against AWS's range; `allowed` says it in the user's terms. */
export function wholeNumberProblems(
  field: string,
  value: number,
  min: number,
  max: number,
  allowed = `a whole number from ${min} to ${max}`,
): LimitProblem[] {
  return Number.isInteger(value) && value >= min && value <= max ? [] : [{ field, message: `must be ${allowed}, not ${value}.` }];
}
