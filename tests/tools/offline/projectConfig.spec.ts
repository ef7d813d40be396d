import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { configDeclarations, declarationProblem, stackValueProblem } from "../../../tools/offline/projectConfig";
import { readStackFiles, StackFileError } from "../../../tools/offline/stackFiles";

// Each message is the Pulumi CLI's own (3.248.0), as `pulumi preview` prints it for the same files.
describe("Pulumi.yaml's config block and a stack's values, checked as the CLI checks them", () => {
  const declared = (block: unknown) => configDeclarations("p", block);
  const problem = (block: unknown) => declarationProblem("p", declared(block));
  const stackProblem = (block: unknown, values: Record<string, unknown>) => stackValueProblem("p", "dev", declared(block), (k) => values[k]);

  describe("the declarations", () => {
    it("read a scalar or an array as a project key's default and another namespace's value", () => {
      assert.deepEqual(declared({ size: 3, names: ["a"], "aws:region": "us-east-1", typed: { type: "string" } }), {
        size: { default: 3 },
        names: { default: ["a"] },
        "aws:region": { value: "us-east-1" },
        typed: { type: "string" },
      });
      assert.deepEqual(declared(undefined), {});
    });

    it("accept the shipped Pulumi.yaml", () => {
      const project = parse(fs.readFileSync(path.join(__dirname, "../../../Pulumi.yaml"), "utf8")) as { name: string; config: unknown };
      assert.equal(declarationProblem(project.name, configDeclarations(project.name, project.config)), undefined);
    });

    it("refuse an array without `items`", () => {
      assert.equal(problem({ rules: { type: "array" } }), "The configuration key 'rules' declares an array but does not specify the underlying type via the 'items' attribute");
      assert.equal(problem({ rules: { type: "array", items: { type: "object" } } }), undefined);
    });

    it("refuse a default of another type, naming the full type", () => {
      assert.equal(problem({ n: { type: "integer", default: 1.5 } }), "The default value specified for configuration key 'n' is not of the expected type 'integer'");
      assert.equal(problem({ n: { type: "array", items: { type: "array", items: { type: "string" } }, default: [[1]] } }), "The default value specified for configuration key 'n' is not of the expected type 'array<array<string>>'");
      assert.equal(problem({ n: { type: "integer", default: 2 }, b: { type: "boolean", default: false }, s: { type: "string", default: "x" } }), undefined);
    });

    it("leave untyped keys and other namespaces' values alone", () => {
      assert.equal(problem({ n: { default: 3 }, m: { value: "x" }, "aws:region": { value: "us-east-1" } }), undefined);
    });

    it("refuse both a default and a value", () => {
      assert.equal(problem({ n: { default: 1, value: 2 } }), "project config 'n' cannot have both a 'default' and 'value' attribute");
    });

    it("refuse a type, a default or a missing value on another namespace's key", () => {
      assert.equal(problem({ "aws:region": { type: "string", value: "x" } }), "Configuration key 'aws:region' is not namespaced by the project and should not define a type");
      assert.match(problem({ "aws:region": { default: "x" } })!, /^Configuration key 'aws:region' is not namespaced by the project and should not define a default value\. Did you mean/);
      assert.equal(problem({ "aws:region": { description: "x" } }), "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'");
      assert.equal(problem({ "p:n": { type: "integer" } }), undefined, "the project's own namespace, written out");
    });
  });

  describe("a stack's values", () => {
    it("must set every project key declared without a default, all named at once", () => {
      assert.equal(stackProblem({ email: { type: "string" } }, {}), "Stack 'dev' is missing configuration value 'email'");
      assert.equal(stackProblem({ c: {}, a: { type: "string" }, b: { type: "string" } }, {}), "Stack 'dev' is missing configuration values 'a', 'b' and 'c'");
      assert.equal(stackProblem({ email: { type: "string" } }, { "p:email": "a@b.c" }), undefined);
      assert.equal(stackProblem({ n: { type: "integer", default: 1 } }, {}), undefined, "a default stands in");
      assert.equal(stackProblem({ n: { value: 1 } }, {}), undefined, "so does a value");
      assert.equal(stackProblem({ c: { description: "untyped" } }, { "p:c": "anything" }), undefined, "an untyped key takes any value");
    });

    it("must have the declared type, integers and booleans also as config strings", () => {
      assert.equal(stackProblem({ n: { type: "integer" } }, { "p:n": 7 }), undefined);
      for (const ok of [7, "7", "-12", "+3"]) assert.equal(stackProblem({ n: { type: "integer" } }, { "p:n": ok }), undefined, String(ok));
      for (const bad of ["seven", "7x", "x7", "1.5", [7]]) {
        assert.equal(stackProblem({ n: { type: "integer" } }, { "p:n": bad }), "Stack 'dev' with configuration key 'n' must be of type 'integer'", String(bad));
      }
      assert.equal(stackProblem({ b: { type: "boolean" } }, { "p:b": "true" }), undefined);
      assert.equal(stackProblem({ b: { type: "boolean" } }, { "p:b": "yes" }), "Stack 'dev' with configuration key 'b' must be of type 'boolean'");
      assert.equal(stackProblem({ b: { type: "boolean" } }, { "p:b": false }), undefined);
      assert.equal(stackProblem({ s: { type: "string" } }, { "p:s": 5 }), undefined, "a number in the stack file is a config string");
      assert.equal(stackProblem({ o: { type: "object" } }, { "p:o": ["x"] }), "Stack 'dev' with configuration key 'o' must be of type 'object'");
      const rules = { type: "array", items: { type: "object" } };
      assert.equal(stackProblem({ rules }, { "p:rules": [{ id: "a" }] }), undefined);
      assert.equal(stackProblem({ rules }, { "p:rules": [{ id: "a" }, "b"] }), "Stack 'dev' with configuration key 'rules' must be of type 'array<object>'");
      assert.equal(stackProblem({ rules }, { "p:rules": [{ id: "a" }, null] }), "Stack 'dev' with configuration key 'rules' must be of type 'array<object>'");
      assert.equal(stackProblem({ rules }, { "p:rules": "a" }), "Stack 'dev' with configuration key 'rules' must be of type 'array<object>'");
      // Only reachable past a declaration the CLI refuses to load: an array type without items fits nothing.
      assert.equal(stackProblem({ a: { type: "array" } }, { "p:a": ["x"] }), "Stack 'dev' with configuration key 'a' must be of type 'array'");
    });

    it("refuse a plain value for a key declared secret", () => {
      assert.equal(stackProblem({ token: { type: "string", secret: true } }, { "p:token": "x" }), "Stack 'dev' with configuration key 'token' must be encrypted as it's secret");
    });
  });

  describe("through readStackFiles, as the offline preview reads a program", () => {
    const program = (projectYaml: string, stackYaml: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-config-"));
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), projectYaml);
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml);
      return dir;
    };

    it("fails on a bad declaration with the CLI's words and the file", () => {
      const dir = program("name: p\nruntime: nodejs\nconfig:\n  rules:\n    type: array\n", "config: {}\n");
      assert.throws(
        () => readStackFiles(dir, "dev"),
        (e: unknown) => e instanceof StackFileError && e.message === `could not unmarshal '${path.join(dir, "Pulumi.yaml")}': The configuration key 'rules' declares an array but does not specify the underlying type via the 'items' attribute`,
      );
    });

    it("fails on a missing value as `pulumi preview` does, and applies defaults under stack values", () => {
      const dir = program("name: p\nruntime: nodejs\nconfig:\n  email:\n    type: string\n  n:\n    type: integer\n    default: 2\n", "config:\n  aws:region: us-east-1\n");
      assert.throws(() => readStackFiles(dir, "dev"), (e: unknown) => e instanceof StackFileError && e.message === "validating stack config: Stack 'dev' is missing configuration value 'email'");
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  p:email: a@b.c\n");
      assert.deepEqual(readStackFiles(dir, "dev").config, { "p:email": "a@b.c", "p:n": "2" });
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  p:email: a@b.c\n  p:n: 5\n");
      assert.equal(readStackFiles(dir, "dev").config["p:n"], "5");
    });
  });
});
