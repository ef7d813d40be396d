/**
 * The checks the Pulumi CLI makes on `Pulumi.yaml`'s `config` block and on a stack's values before
 * it runs a program, in its words, so that the offline preview refuses exactly the stack files a
 * real `pulumi preview` refuses. Read from pulumi/pulumi 3.248.0 (dc7edd58bc13),
 * sdk/go/common/workspace: project.go (`RewriteShorthandConfigValues`, `Project.Validate`,
 * `ValidateConfigValue`) and config.go (`mergeConfig`, `validateStackConfigValue`).
 */

/** `items` of an array declaration: `{ type, items? }`, nested for arrays of arrays. */
interface ItemsType {
  readonly type: string;
  readonly items?: ItemsType;
}

/** One key of `Pulumi.yaml`'s `config` block, after the CLI's shorthand rewrite. */
export interface ConfigDeclaration {
  readonly type?: string;
  readonly items?: ItemsType;
  readonly default?: unknown;
  readonly value?: unknown;
  readonly secret?: boolean;
}

type YamlMap = Record<string, unknown>;
const isMap = (v: unknown): v is YamlMap => typeof v === "object" && v !== null && !Array.isArray(v);

/** A key in `project:` namespace: unqualified, or qualified by the project's own name. */
export const isProjectKey = (project: string, key: string) => !key.includes(":") || key.startsWith(`${project}:`);

/**
 * The declarations as the CLI reads them: a scalar or an array is shorthand, for a project key's
 * `default` and for another namespace's `value`; a map is a declaration.
 */
export function configDeclarations(project: string, block: unknown): Record<string, ConfigDeclaration> {
  const out: Record<string, ConfigDeclaration> = {};
  for (const [key, declaration] of Object.entries(isMap(block) ? block : {})) {
    if (isMap(declaration)) out[key] = declaration as ConfigDeclaration;
    else out[key] = isProjectKey(project, key) ? { default: declaration } : { value: declaration };
  }
  return out;
}

/** `array<array<string>>`, as the CLI names a type in its errors. */
const fullTypeName = (type: string, items: ItemsType | undefined): string => (items ? `array<${fullTypeName(items.type, items.items)}>` : type);

/** Whether `value` has the declared type; config strings stand for integers and booleans too. */
function hasType(type: string, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^[+-]?\d+$/.test(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return isMap(value);
    default:
      return Array.isArray(value) && items !== undefined && value.every((item) => hasType(items.type, items.items, item));
  }
}

/** The problem `Project.Validate` finds in the declarations (the CLI then cannot load Pulumi.yaml), if any. */
export function declarationProblem(project: string, declarations: Readonly<Record<string, ConfigDeclaration>>): string | undefined {
  for (const [key, d] of Object.entries(declarations)) {
    if (d.default !== undefined && d.value !== undefined) return `project config '${key}' cannot have both a 'default' and 'value' attribute`;
    if (isProjectKey(project, key)) {
      if (d.type === "array" && d.items === undefined) {
        return `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`;
      }
      if (d.type !== undefined && d.default !== undefined && !hasType(d.type, d.items, d.default)) {
        return `The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(d.type, d.items)}'`;
      }
    } else {
      if (d.type !== undefined) return `Configuration key '${key}' is not namespaced by the project and should not define a type`;
      if (d.default !== undefined) {
        return `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`;
      }
      if (d.value === undefined) return `Configuration key '${key}' is namespaced and must provide an attribute 'value'`;
    }
  }
  return undefined;
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`. */
const listed = (keys: readonly string[]) =>
  keys.length === 1 ? `'${keys[0]}'` : `${keys.slice(0, -1).map((k) => `'${k}'`).join(", ")} and '${keys[keys.length - 1]}'`;

/**
 * The problem the CLI finds in a stack's values against the declarations, if any: project keys
 * with neither a stack value nor a default or value are missing (all named at once), then each
 * typed key's value must have its type.
 *
 * @param stackValue a key's value in the stack file (qualified key), undefined when absent.
 */
export function stackValueProblem(
  project: string,
  stack: string,
  declarations: Readonly<Record<string, ConfigDeclaration>>,
  stackValue: (qualifiedKey: string) => unknown,
): string | undefined {
  const keys = Object.keys(declarations).sort();
  const qualified = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
  const missing = keys.filter((key) => {
    const d = declarations[key];
    return stackValue(qualified(key)) === undefined && d.default === undefined && d.value === undefined && isProjectKey(project, key);
  });
  if (missing.length > 0) return `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${listed(missing)}`;
  for (const key of keys) {
    const d = declarations[key];
    if (d.type === undefined) continue;
    const raw = stackValue(qualified(key)) ?? d.default ?? d.value;
    // The CLI holds every value as a config string, unless it is structured (kept as JSON).
    const value = isMap(raw) || Array.isArray(raw) ? raw : String(raw);
    if (d.secret) return `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`;
    if (!hasType(d.type, d.items, value)) return `Stack '${stack}' with configuration key '${key}' must be of type '${fullTypeName(d.type, d.items)}'`;
  }
  return undefined;
}
