/**
 * Whether a program in another language uses only what a component schema defines: its type
 * tokens, properties (required ones present), enum values, and nested types. For the README's YAML
 * and Python examples, which cannot run here (no YAML or Python language host with the component):
 * the checks `pulumi package add` and the generated SDK would make first.
 */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}
export interface SchemaLike {
  name: string;
  resources: Record<string, { inputProperties: Record<string, SchemaProperty>; requiredInputs: string[] }>;
  types: Record<string, { type: string; properties?: Record<string, SchemaProperty>; required?: string[]; enum?: { value: string; name?: string }[] }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** A YAML interpolation (`${uploads.bucket}`): any type until it resolves. */
const isInterpolation = (v: unknown) => typeof v === "string" && /^\$\{[^}]+\}$/.test(v);

function valueProblems(schema: SchemaLike, value: unknown, spec: SchemaProperty, at: string): string[] {
  if (isInterpolation(value)) return [];
  if (spec.$ref !== undefined) {
    if (!spec.$ref.startsWith("#/types/")) return []; // another package's resource (aws): not ours to check
    const type = schema.types[spec.$ref.slice("#/types/".length)];
    if (!type) return [`${at}: ${spec.$ref} is not in the schema`];
    if (type.enum) return type.enum.some((e) => e.value === value) ? [] : [`${at}: \`${String(value)}\` is not a value of ${spec.$ref}`];
    if (!isObject(value)) return [`${at}: must be an object (${spec.$ref})`];
    return objectProblems(schema, value, type.properties ?? {}, type.required ?? [], at);
  }
  switch (spec.type) {
    case "array":
      return Array.isArray(value) ? value.flatMap((v, i) => valueProblems(schema, v, spec.items ?? {}, `${at}[${i}]`)) : [`${at}: must be a list`];
    case "object":
      if (!isObject(value)) return [`${at}: must be a map`];
      return Object.entries(value).flatMap(([k, v]) => valueProblems(schema, v, spec.additionalProperties ?? {}, `${at}.${k}`));
    case "string":
    case "number":
    case "boolean":
      return typeof value === spec.type ? [] : [`${at}: must be a ${spec.type}, not ${JSON.stringify(value)}`];
    default:
      return [];
  }
}

function objectProblems(schema: SchemaLike, value: Record<string, unknown>, properties: Record<string, SchemaProperty>, required: readonly string[], at: string): string[] {
  return [
    ...required.filter((r) => value[r] === undefined).map((r) => `${at}: \`${r}\` is required`),
    ...Object.entries(value).flatMap(([k, v]) => (properties[k] ? valueProblems(schema, v, properties[k], `${at}.${k}`) : [`${at}: \`${k}\` is not a property`])),
  ];
}

/** Problems of a Pulumi YAML program's resources of the schema's package. */
export function yamlProblems(program: unknown, schema: SchemaLike): string[] {
  if (!isObject(program) || !isObject(program.resources)) return ["the program has no `resources` map"];
  return Object.entries(program.resources).flatMap(([name, resource]) => {
    if (!isObject(resource) || typeof resource.type !== "string" || !resource.type.startsWith(`${schema.name}:`)) return [];
    const spec = schema.resources[resource.type];
    if (!spec) return [`resources.${name}: type \`${resource.type}\` is not in the schema (${Object.keys(schema.resources).join(", ")})`];
    return objectProblems(schema, isObject(resource.properties) ? resource.properties : {}, spec.inputProperties, spec.requiredInputs, `resources.${name}.properties`);
  });
}

// Python's reserved words get a trailing underscore in generated SDKs (`lambda` is `lambda_`).
const PYTHON_KEYWORDS = new Set(["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]);
const snake = (camel: string) => {
  const name = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return PYTHON_KEYWORDS.has(name) ? `${name}_` : name;
};
const upperSnake = (pascal: string) => pascal.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toUpperCase();

/** The text of each top-level argument of the call whose `(` is at `open`. */
function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      depth--;
      if (depth === 0) {
        args.push(source.slice(start, i));
        return args.filter((a) => a.trim() !== "");
      }
    } else if (c === "," && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unbalanced call at ${open}`);
}

/**
 * Problems of a Python program using the SDK generated from the schema (`pulumi_<package>`):
 * each resource class and `…Args` input class it calls must be in the schema, each keyword
 * argument the snake_case name of one of its properties, the required ones present; each enum
 * member (`S3Event.OBJECT_CREATED_ALL`) the Python name of one of its values.
 */
export function pythonProblems(source: string, schema: SchemaLike, module: string): string[] {
  const problems: string[] = [];
  const token = (name: string) => `${schema.name}:index:${name}`;
  for (const m of source.matchAll(new RegExp(`\\b${module}\\.(\\w+)(?:\\.(\\w+))?(\\()?`, "g"))) {
    const [, name, member, call] = m;
    if (member !== undefined) {
      const values = schema.types[token(name)]?.enum;
      if (!values) problems.push(`${name} is not an enum of the schema`);
      else if (!values.some((v) => v.name !== undefined && upperSnake(v.name) === member)) problems.push(`${name}.${member} is not a member of ${name}`);
      continue;
    }
    if (!call) continue;
    const resource = schema.resources[token(name)];
    const type = name.endsWith("Args") ? schema.types[token(name.slice(0, -"Args".length))] : undefined;
    if (!resource && !type?.properties) {
      problems.push(`${name} is neither a resource nor an input type of the schema`);
      continue;
    }
    const properties = resource ? resource.inputProperties : type!.properties!;
    const required = resource ? resource.requiredInputs : (type!.required ?? []);
    const keywords = callArguments(source, m.index! + m[0].length - 1).flatMap((a) => /^\s*(\w+)\s*=/.exec(a)?.[1] ?? []);
    const bySnake = new Map(Object.keys(properties).map((p) => [snake(p), p]));
    for (const k of keywords) if (!bySnake.has(k)) problems.push(`${name}(${k}=…): no property \`${k}\` (has ${[...bySnake.keys()].join(", ")})`);
    for (const r of required) if (!keywords.includes(snake(r))) problems.push(`${name}(…): \`${snake(r)}\` is required`);
  }
  return problems;
}
