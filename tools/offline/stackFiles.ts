/**
 * The config a Pulumi program sees for a stack, read from `Pulumi.yaml` and `Pulumi.<stack>.yaml`
 * the way the CLI passes it: `namespace:key` to strings (structured values JSON-encoded), project
 * defaults first, stack values over them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { configDeclarations, declarationProblem, stackValueProblem } from "./projectConfig";

export interface StackFiles {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
}

/** A problem with the files themselves: exit code 2, like a program error. */
export class StackFileError extends Error {}

type YamlMap = Record<string, unknown>;
const isMap = (v: unknown): v is YamlMap => typeof v === "object" && v !== null && !Array.isArray(v);

function readYaml(file: string): YamlMap {
  if (!fs.existsSync(file)) throw new StackFileError(`${file} does not exist`);
  const doc: unknown = parse(fs.readFileSync(file, "utf8"));
  if (!isMap(doc)) throw new StackFileError(`${file} is not a YAML mapping`);
  return doc;
}

const asConfigString = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
const qualify = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/** `configFile` replaces `Pulumi.<stack>.yaml`, as `pulumi preview --config-file` does. */
export function readStackFiles(programDir: string, stack: string, configFile?: string): StackFiles {
  const projectPath = path.join(programDir, "Pulumi.yaml");
  const projectFile = readYaml(projectPath);
  const project = projectFile.name;
  if (typeof project !== "string") throw new StackFileError(`${projectPath} has no project name`);
  // The CLI refuses these before it runs anything, and so does the offline preview, in its words.
  const declarations = configDeclarations(project, projectFile.config);
  const badDeclaration = declarationProblem(project, declarations);
  if (badDeclaration) throw new StackFileError(`could not unmarshal '${projectPath}': ${badDeclaration}`);
  const config: Record<string, string> = {};
  // Project-level defaults (and other namespaces' values) first; stack values override them.
  for (const [key, declaration] of Object.entries(declarations)) {
    const value = declaration.default ?? declaration.value;
    if (value !== undefined) config[qualify(project, key)] = asConfigString(value);
  }
  const stackFile = readYaml(configFile ?? path.join(programDir, `Pulumi.${stack}.yaml`));
  const stackValues: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(isMap(stackFile.config) ? stackFile.config : {})) {
    if (isMap(value) && "secure" in value) {
      throw new StackFileError(`${qualify(project, key)} is a secret, which cannot be decrypted offline; preview a stack file with a plain value`);
    }
    stackValues[qualify(project, key)] = value;
    config[qualify(project, key)] = asConfigString(value);
  }
  const badValue = stackValueProblem(project, stack, declarations, (key) => stackValues[key]);
  if (badValue) throw new StackFileError(`validating stack config: ${badValue}`);
  return { project, stack, config };
}
