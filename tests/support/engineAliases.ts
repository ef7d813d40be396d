/**
 * How the engine finds a registered resource's state in the last deployment: by its URN, else by
 * each of its aliases, a child also inheriting its parent's. A model of pulumi/pulumi 3.248.0
 * `pkg/resource/deploy/step_generator.go` (generateURN, collapseAliasToUrn, inheritedChildAlias,
 * generateAliases, getOldResource) and `sdk/go/common/resource` (CreateURN, NewURN), run over what
 * the mock engine recorded of each `registerResource` request, in order.
 */
import type { AliasSent, CapturedResource } from "../../tools/offline/mockEngine";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself hold `::`. */
function parts(urn: string): { qualifiedType: string; name: string } {
  const [, , qualifiedType, ...name] = urn.split("::");
  return { qualifiedType, name: name.join("::") };
}
const qualifiedType = (urn: string) => parts(urn).qualifiedType;
const urnName = (urn: string) => parts(urn).name;
const urnType = (urn: string) => qualifiedType(urn).split("$").pop()!;

/** resource.NewURN: the parent's qualified type, `$`, the type; the root stack is no parent type. */
function newUrn(stack: string, project: string, parentType: string, type: string, name: string): string {
  const qualified = parentType !== "" && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** resource.CreateURN: under a parent, its URN up to its name, then `$type::name`. */
function createUrn(name: string, type: string, parent: string, project: string, stack: string): string {
  if (parent === "") return `urn:pulumi:${stack}::${project}::${type}::${name}`;
  return `${parent.slice(0, parent.lastIndexOf("::"))}$${type}::${name}`;
}

export interface OldStateMatch {
  /** The URN each registered resource has now. */
  readonly urn: string;
  /** The URN of the state it takes over, if any: its own, or an alias's. */
  readonly old: string | undefined;
}

export interface AliasResolution {
  readonly matches: readonly OldStateMatch[];
  /** What the engine would refuse: a URN claimed twice, or claimed by one resource and aliased by another. */
  readonly errors: readonly string[];
}

/**
 * Runs the engine's lookup for every resource, in registration order, against the URNs of the
 * last deployment (`olds`).
 */
export function resolveAliases(resources: readonly CapturedResource[], olds: ReadonlySet<string>, project: string, stack: string): AliasResolution {
  const stackUrn = newUrn(stack, project, "", ROOT_STACK_TYPE, `${project}-${stack}`);
  const aliasesUsed = new Map<string, string>(); // sg.aliases: URN -> the alias it was found by
  const aliased = new Map<string, string>(); // sg.aliased: old URN -> the resource that claimed it
  const seen = new Set<string>(); // sg.urns
  const errors: string[] = [];
  const matches: OldStateMatch[] = [];

  const collapse = (name: string, type: string, parent: string, alias: AliasSent): string => {
    if ("urn" in alias) return alias.urn;
    let aliasParent = alias.parentUrn;
    if (aliasParent === "") aliasParent = parent;
    // "If the parent used an alias then use its old URN here."
    else aliasParent = aliasesUsed.get(aliasParent) ?? aliasParent;
    if (alias.noParent || (aliasParent !== "" && qualifiedType(aliasParent) === ROOT_STACK_TYPE)) aliasParent = "";
    return createUrn(alias.name || name, alias.type || type, aliasParent, alias.project || project, alias.stack || stack);
  };
  const inherited = (type: string, name: string, parentName: string, parentAlias: string) =>
    newUrn(stack, project, qualifiedType(parentAlias), type, name.startsWith(parentName) ? urnName(parentAlias) + name.slice(parentName.length) : name);

  // The mocks qualify a child's type by its parent's type alone; the engine, by the parent's whole
  // qualified type: each URN is computed again here, from its parent's.
  const engineUrn = new Map<string, string>();
  for (const r of resources) {
    const parent = r.parent === undefined ? stackUrn : engineUrn.get(r.parent) ?? r.parent;
    const urn = newUrn(stack, project, qualifiedType(parent), r.type, r.name);
    engineUrn.set(r.urn, urn);
    seen.add(urn);
    const claimed = aliased.get(urn);
    if (claimed !== undefined) errors.push(`${urn} is registered, but ${claimed} already took over its state through an alias`);
    const candidates: string[] = [];
    const add = (u: string) => candidates.includes(u) || candidates.push(u);
    const aliases = r.aliases.map((a) => ("urn" in a || a.parentUrn === "" ? a : { ...a, parentUrn: engineUrn.get(a.parentUrn) ?? a.parentUrn }));
    for (const a of aliases) add(collapse(r.name, r.type, parent, a));
    const parentAlias = aliasesUsed.get(parent);
    if (parentAlias !== undefined) {
      add(inherited(r.type, r.name, urnName(parent), parentAlias));
      for (const a of aliases) {
        const child = collapse(r.name, r.type, parent, a);
        add(inherited(urnType(child), urnName(child), urnName(parent), parentAlias));
      }
    }
    let old: string | undefined;
    for (const candidate of [urn, ...candidates]) {
      if (!olds.has(candidate)) continue;
      if (candidate !== urn) {
        if (seen.has(candidate)) errors.push(`${urn} aliases ${candidate}, which a resource of this deployment is`);
        const other = aliased.get(candidate);
        if (other !== undefined) errors.push(`${urn} and ${other} both alias ${candidate}`);
        aliased.set(candidate, urn);
        aliasesUsed.set(urn, candidate);
      }
      old = candidate;
      break;
    }
    matches.push({ urn, old });
  }
  return { matches, errors };
}
