import type * as pulumi from "@pulumi/pulumi";
import { wholeNumberProblems } from "../limits";
import { resolveFunction, type FunctionRef, type ResolvedFunction } from "../references";
import type { AsyncFunction, AsyncRetries } from "./asyncInvocation";
import type { DestinationProblem } from "./destination";

/** A service's limits on retrying delivery to a function. */
export interface RetryLimits {
  readonly maxRetries: number;
  readonly defaultRetries: number;
  readonly minAge: number;
  readonly maxAge: number;
  readonly defaultAge: number;
  /** How the limits read in messages, e.g. `0, 1 or 2 (Lambda's limit)`. */
  readonly retriesAllowed?: string;
  readonly ageAllowed?: string;
}

/**
 * What Lambda and EventBridge destinations share: a function that receives events
 * asynchronously, with a bounded number of retries over a bounded time.
 */
export abstract class FunctionTarget {
  protected readonly fn: ResolvedFunction;
  protected readonly maximumRetryAttempts: number;
  protected readonly maximumEventAgeInSeconds: number;

  protected constructor(
    fn: FunctionRef,
    retries: number | undefined,
    age: number | undefined,
    private readonly limits: RetryLimits,
  ) {
    this.fn = resolveFunction(fn);
    this.maximumRetryAttempts = retries ?? limits.defaultRetries;
    this.maximumEventAgeInSeconds = age ?? limits.defaultAge;
  }

  protected get retries(): AsyncRetries {
    return { maximumRetryAttempts: this.maximumRetryAttempts, maximumEventAgeInSeconds: this.maximumEventAgeInSeconds };
  }

  get asyncFunctions(): AsyncFunction[] {
    return [{ fn: this.fn, field: this.fn.field }];
  }

  get literalArn(): string | undefined {
    return this.fn.literalArn;
  }

  get region(): pulumi.Output<string | undefined> {
    return this.fn.region;
  }

  validateAtDeploy(): pulumi.Output<DestinationProblem[]>[] {
    return [];
  }

  protected retryProblems(): DestinationProblem[] {
    const l = this.limits;
    return [
      ...wholeNumberProblems("maximumRetryAttempts", this.maximumRetryAttempts, 0, l.maxRetries, l.retriesAllowed),
      ...wholeNumberProblems("maximumEventAgeInSeconds", this.maximumEventAgeInSeconds, l.minAge, l.maxAge, l.ageAllowed),
    ];
  }
}
