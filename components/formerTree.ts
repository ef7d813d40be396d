// Stacks deployed before the tree by destination (s3-events 0.1, before issue 14) hold every child
// flat under `s3-events:notifications:BucketNotifications`, named by joining every part in full
// (`uploads-uploads`, `uploads-index-index-docs`). Without aliases, `pulumi up` on such a stack
// would replace every child, deleting the dead-letter queues with the events they hold, and a
// protected DLQ would stop the update. Each child therefore names where it used to be.
// https://www.pulumi.com/docs/iac/concepts/options/aliases/
import * as pulumi from "@pulumi/pulumi";
import type { PlannedOwner } from "./childNames";

/** The type token of `BucketNotifications` before it moved to the package's `index` module. */
export const FORMER_TYPE = "s3-events:notifications:BucketNotifications";

/** How names were built before: every part in full, joined by `-`. */
export const formerJoin = (...parts: readonly string[]): string => parts.join("-");

/**
 * Every child's former name, keyed by `type::name` of its current one: the same plan made twice,
 * with today's names and with the former join (same owners, same children, same order). The
 * destinations' own components are new and have no former name.
 */
export function formerNames(current: readonly PlannedOwner[], former: readonly PlannedOwner[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  current.forEach((owner, i) =>
    owner.children.forEach((child, j) => {
      const was = former[i]?.children[j];
      // One plan function made both: a mismatch is a bug here, never the user's input.
      if (was?.type !== child.type) throw new Error(`former plan differs from the current one at ${owner.label}, child ${j}`);
      if (!child.type.startsWith("s3-events:")) names.set(`${child.type}::${child.name}`, was.name);
    }),
  );
  return names;
}

/**
 * The alias to a child's former place: its former name directly under the component. The engine
 * resolves `parent` to the URN the component itself was found by (its former type), so the alias
 * is the child's former URN whatever the component's own parent (pkg/resource/deploy/step_generator.go,
 * `collapseAliasToUrn`). Undefined for a child that has no former name.
 */
export function formerAlias(names: ReadonlyMap<string, string>, component: pulumi.Resource, type: string, name: string): pulumi.Alias | undefined {
  const former = names.get(`${type}::${name}`);
  return former === undefined ? undefined : { name: former, parent: component };
}

/**
 * Gives every child registered under a destination's component its former alias: one
 * transformation on that component instead of an option at each of its children's registrations.
 */
export function aliasFormerChildren(names: ReadonlyMap<string, string>, component: pulumi.Resource): pulumi.ResourceTransformation {
  return ({ type, name, props, opts }) => {
    const alias = formerAlias(names, component, type, name);
    return alias === undefined ? undefined : { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), alias] } };
  };
}
