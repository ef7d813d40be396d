/**
 * Resource policies as the pack reads them: a document from any library's property (a JSON string
 * or an object), and the statement Lambda writes for a permission resource.
 */
import { isRecord } from "../resources/records";

export type Statement = Record<string, unknown>;

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: Statement[];
}

/**
 * The document a property holds, or undefined when it holds none (unset, not JSON, no statement).
 * The value is copied whole first, so a value unknown during preview anywhere inside it throws
 * the SDK's unknown-value error here, before any verdict is drawn from part of it.
 */
export function readDocument(value: unknown): PolicyDocument | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, the parse below reads each as no document too; this says so first.
  if (value === undefined || value === null || value === "") return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(typeof value === "string" ? value : JSON.stringify(value));
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
  if (!isRecord(doc)) return undefined;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const statements = list.filter(isRecord);
  if (statements.length === 0) return undefined;
  return { ...(typeof doc.Version === "string" ? { Version: doc.Version } : {}), Statement: statements };
}

/** The fields of a Lambda permission (`aws.lambda.Permission`, `aws-native:lambda:Permission`). */
export interface PermissionFields {
  readonly action?: unknown;
  readonly principal?: unknown;
  readonly sourceArn?: unknown;
  readonly sourceAccount?: unknown;
  readonly principalOrgId?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The statement Lambda adds to the function's policy for a permission: `sourceArn` becomes
 * `ArnLike AWS:SourceArn`, `sourceAccount` `StringEquals AWS:SourceAccount`, `principalOrgId`
 * `StringEquals aws:PrincipalOrgID`; a service principal a `Service`, an account or ARN an `AWS`
 * principal. https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
export function permissionDocument(fields: PermissionFields, functionArn: string): PolicyDocument | undefined {
  const principal = text(fields.principal);
  const action = text(fields.action) ?? "lambda:InvokeFunction";
  if (principal === undefined) return undefined;
  const condition: Record<string, Record<string, string>> = {};
  const sourceArn = text(fields.sourceArn);
  const sourceAccount = text(fields.sourceAccount);
  const orgId = text(fields.principalOrgId);
  if (sourceArn) condition.ArnLike = { "AWS:SourceArn": sourceArn };
  if (sourceAccount || orgId) {
    condition.StringEquals = { ...(sourceAccount ? { "AWS:SourceAccount": sourceAccount } : {}), ...(orgId ? { "aws:PrincipalOrgID": orgId } : {}) };
  }
  const statement: Statement = {
    Effect: "Allow",
    Principal: principal === "*" ? "*" : principal.endsWith(".amazonaws.com") ? { Service: principal } : { AWS: principal },
    Action: action,
    Resource: functionArn,
  };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return { Version: "2012-10-17", Statement: [statement] };
}
