/**
 * The config a Pulumi program sees for a stack, read from `Pulumi.yaml` and `Pulumi.<stack>.yaml`
 * the way the CLI passes it: `namespace:key` to strings (structured values JSON-encoded), project
 * defaults first, stack values over them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

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
  const projectFile = readYaml(path.join(programDir, "Pulumi.yaml"));
  const project = projectFile.name;
  if (typeof project !== "string") throw new StackFileError(`${path.join(programDir, "Pulumi.yaml")} has no project name`);
  const config: Record<string, string> = {};
  // Project-level declarations: `key: { type, default }` (only defaults apply) or `key: value`.
  for (const [key, declaration] of Object.entries(isMap(projectFile.config) ? projectFile.config : {})) {
    const value = isMap(declaration) && ("type" in declaration || "default" in declaration) ? declaration.default : declaration;
    if (value !== undefined) config[qualify(project, key)] = asConfigString(value);
  }
  const stackFile = readYaml(configFile ?? path.join(programDir, `Pulumi.${stack}.yaml`));
  for (const [key, value] of Object.entries(isMap(stackFile.config) ? stackFile.config : {})) {
    if (isMap(value) && "secure" in value) {
      throw new StackFileError(`${qualify(project, key)} is a secret, which cannot be decrypted offline; preview a stack file with a plain value`);
    }
    config[qualify(project, key)] = asConfigString(value);
  }
  return { project, stack, config };
}
