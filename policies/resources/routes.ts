/**
 * Where a stack's notifications send, and which resources grant each destination to S3.
 * A rule's destination is found by its literal ARN when known (a function, queue or topic of the
 * stack, or one outside it), else through the notification's dependencies on destinations.
 */
import type { PolicyResource } from "@pulumi/policy";
import { DestinationIndex, destinationTypes } from "./destinations";
import { GRANT_TYPES, grantTargets, hasOwnPolicy, isInlineGrant, targetKey, type GrantTarget } from "./grantResources";
import { AWS_NOTIFICATION, NATIVE_BUCKET, notificationRules, type NotificationRule, type RuleSet } from "./notificationRules";
import { arnOf, parseRef, type DestinationKind, type DestinationRef } from "./references";
import { known, peek, UNKNOWN } from "./unknowns";

/** One destination of a notification. */
export interface Route {
  readonly notification: PolicyResource;
  readonly kind: DestinationKind;
  /** The rules sending there; empty when the rules' ARNs are unknown and dependencies name the destination. */
  readonly rules: NotificationRule[];
  /** The destination when it is a resource of the stack. */
  readonly resource?: PolicyResource;
  /** The literal reference, when the rule's ARN is known. */
  readonly ref?: DestinationRef;
  /**
   * Rules of this kind whose ARNs are unknown while the notification depends on several
   * destinations of the kind: any of them may send here.
   */
  readonly unpaired?: NotificationRule[];
}

/** Where each library lets a notification's destinations show up as property dependencies. */
const DEPENDENCY_FIELDS: Readonly<Record<string, Readonly<Record<DestinationKind, string>>>> = {
  [AWS_NOTIFICATION]: { lambda: "lambdaFunctions", sqs: "queues", sns: "topics" },
  [NATIVE_BUCKET]: { lambda: "notificationConfiguration", sqs: "notificationConfiguration", sns: "notificationConfiguration" },
};

export const isNotification = (r: PolicyResource) =>
  r.type === AWS_NOTIFICATION || (r.type === NATIVE_BUCKET && "notificationConfiguration" in r.props && peek(r.props, "notificationConfiguration") !== undefined);

export class Routes {
  private readonly destinations: DestinationIndex;
  private readonly grantsByTarget = new Map<string, PolicyResource[]>();
  private readonly unresolved = new Map<DestinationKind, PolicyResource[]>();
  private readonly ruleSets = new Map<string, RuleSet | undefined>();
  private readonly routeLists = new Map<string, Route[]>();

  constructor(readonly resources: readonly PolicyResource[]) {
    this.destinations = new DestinationIndex(resources);
    for (const r of resources) {
      const type = GRANT_TYPES[r.type];
      if (!type || isInlineGrant(r.type)) continue;
      const { targets, unresolved } = grantTargets(r, this.destinations);
      if (unresolved) this.unresolved.set(type.kind, [...(this.unresolved.get(type.kind) ?? []), r]);
      for (const t of targets) {
        const key = targetKey(t);
        this.grantsByTarget.set(key, [...(this.grantsByTarget.get(key) ?? []), r]);
      }
    }
  }

  /**
   * In URN order, not the order resources arrive in: that is registration order, which differs
   * between a first preview and an update (an apply resolves at another time), and a violation
   * reported once for several notifications (a destination's missing DLQ) must name the same one
   * in both, or it reads as two violations.
   */
  notifications(): PolicyResource[] {
    return this.resources.filter(isNotification).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  }

  rulesOf(notification: PolicyResource): RuleSet | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent, it only saves reading the rules again.
    if (!this.ruleSets.has(notification.urn)) this.ruleSets.set(notification.urn, notificationRules(notification.type, notification.props as Record<string, unknown>));
    return this.ruleSets.get(notification.urn);
  }

  /** The destinations of a notification, one route each. */
  routesOf(notification: PolicyResource): Route[] {
    let list = this.routeLists.get(notification.urn);
    if (!list) {
      list = this.findRoutes(notification);
      this.routeLists.set(notification.urn, list);
    }
    return list;
  }

  private findRoutes(notification: PolicyResource): Route[] {
    const fields = DEPENDENCY_FIELDS[notification.type];
    if (!fields) return [];
    const routes = new Map<string, Route>();
    const add = (key: string, route: Omit<Route, "rules">, rule: NotificationRule) => {
      const existing = routes.get(key) ?? { ...route, rules: [] };
      routes.set(key, { ...existing, rules: [...existing.rules, rule] });
    };
    // Found by the type's dependency fields, so the type declares rules (an empty set at least).
    const ruleSet = this.rulesOf(notification)!;
    const unknownRules = new Map<DestinationKind, NotificationRule[]>();
    for (const rule of ruleSet.rules) {
      const arn = known(rule.destinationArn);
      const ref = typeof arn === "string" ? parseRef(rule.kind, arn) : undefined;
      if (!ref) {
        unknownRules.set(rule.kind, [...(unknownRules.get(rule.kind) ?? []), rule]);
        continue;
      }
      const resource = this.destinations.find(ref) ?? this.soleUnnamed(notification, fields[rule.kind], rule.kind);
      const target: GrantTarget = resource ? { resource, qualifier: ref.qualifier } : { ref };
      add(targetKey(target), { notification, kind: rule.kind, resource, ref }, rule);
    }
    // Rules whose ARNs are unknown (or whose rules could not be read): the destinations their list depends on.
    for (const kind of ["lambda", "sqs", "sns"] as DestinationKind[]) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
      const deps = (notification.propertyDependencies[fields[kind]] ?? []).filter((d) => destinationTypes(kind).includes(d.type));
      const unpaired = unknownRules.get(kind) ?? [];
      const needed = unpaired.length > 0 || ruleSet.unknown.length > 0;
      if (!needed) continue;
      for (const resource of deps) {
        const key = targetKey({ resource });
        if ([...routes.values()].some((r) => r.resource?.urn === resource.urn)) continue;
        // One destination of the kind: the rules with unknown ARNs all send to it.
        if (deps.length === 1) routes.set(key, { notification, kind, resource, rules: unpaired });
        else routes.set(key, { notification, kind, resource, rules: [], unpaired });
      }
    }
    return [...routes.values()];
  }

  /**
   * The one destination of `kind` the notification depends on whose name and ARN are both
   * unknown: a literal ARN matching nothing else names it (a resource created with that name).
   */
  private soleUnnamed(notification: PolicyResource, field: string, kind: DestinationKind): PolicyResource | undefined {
    // Stryker disable next-line ArrayDeclaration: equivalent, a dummy entry has no type, so it matches nothing, as no entry does.
    const deps = (notification.propertyDependencies[field] ?? []).filter((d) => destinationTypes(kind).includes(d.type));
    return deps.length === 1 && this.destinations.refsOf(deps[0]).length === 0 ? deps[0] : undefined;
  }

  /** The grant resources of a route's destination: separate policies and permissions, and its own `policy` when set. */
  grantsOf(route: Pick<Route, "resource" | "ref">): PolicyResource[] {
    const target: GrantTarget = route.resource ? { resource: route.resource, qualifier: route.ref?.qualifier } : { ref: route.ref };
    const grants = [...(this.grantsByTarget.get(targetKey(target)) ?? [])];
    if (route.resource && hasOwnPolicy(route.resource)) grants.push(route.resource);
    return grants;
  }

  /** The destination of the stack a literal reference names, if any. */
  find(ref: DestinationRef): PolicyResource | undefined {
    return this.destinations.find(ref);
  }

  /** Grants of `kind` whose target is unknown during preview: any of them may be a route's. */
  unresolvedGrants(kind: DestinationKind): PolicyResource[] {
    return this.unresolved.get(kind) ?? [];
  }

  /** The ARN of a route's destination: `UNKNOWN` while a preview has not decided it, undefined when nothing names it. */
  arnOf(route: Pick<Route, "resource" | "ref">): string | typeof UNKNOWN | undefined {
    const fromRef = route.ref && arnOf(route.ref);
    if (fromRef) return fromRef;
    if (!route.resource) return undefined;
    const refs = this.destinations.refsOf(route.resource);
    const full = refs.find((r) => r.region !== undefined && r.account !== undefined);
    if (full) return arnOf({ ...full, qualifier: route.ref?.qualifier });
    const props = route.resource.props as Record<string, unknown>;
    return ["arn", "topicArn", "region"].some((k) => peek(props, k) === UNKNOWN) ? UNKNOWN : undefined;
  }
}
