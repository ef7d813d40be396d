import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { confusedDeputyBreaches, insecureDeliveries } from "../grants/judgements";
import { S3_PRINCIPAL } from "../grants/s3Requests";
import { bucketOf } from "../resources/buckets";
import { DestinationIndex } from "../resources/destinations";
import { GRANT_TYPES, grantDocument, grantTargets, hasOwnPolicy, isInlineGrant, literalTargetArn, targetKey } from "../resources/grantResources";
import { isNotification } from "../resources/routes";
import { DOCS, GRANT_DOCS } from "./docs";

const SYNTHETIC_FUNCTION = "arn:aws:lambda:us-east-1:111111111111:function:probe";

/** The document a grant resource holds, and the kind of destination it grants; undefined when it has none. */
function documentOf(type: string, props: Record<string, unknown>) {
  // A permission's statement names the function it targets (a stand-in when unknown); a policy document names its own.
  // Read last: the document may be unknown during preview, and is then judged at update.
  const document = grantDocument(type, props, literalTargetArn(type, props) ?? SYNTHETIC_FUNCTION, "stand-in");
  return document && { kind: GRANT_TYPES[type].kind, document };
}

export const s3DestinationGrantScoped: ResourceValidationPolicy = {
  name: "s3-destination-grant-scoped",
  description:
    "Checks whether grants to S3 (Lambda permissions, queue and topic policies) deny S3 sending from another bucket, from another account, or with no aws:SourceAccount.",
  enforcementLevel: "mandatory",
  validateResource: async (args, report) => {
    const found = documentOf(args.type, args.props as Record<string, unknown>);
    if (!found) return;
    const { kind, document } = found;
    const breaches = await confusedDeputyBreaches(document, kind);
    for (const { statement, request } of breaches) {
      report(
        `${args.type} \`${args.name}\`: ${statement} lets in ${request}, so another bucket can make S3 send to this ${kind === "lambda" ? "function" : kind === "sqs" ? "queue" : "topic"} ` +
          `(a confused deputy). Allow ${S3_PRINCIPAL} only with \`ArnLike aws:SourceArn\` = the bucket ARN and \`StringEquals aws:SourceAccount\` = ` +
          `its owner${kind === "lambda" ? " (`sourceArn` and `sourceAccount`)" : ""}. ${GRANT_DOCS[kind]}`,
      );
    }
  },
};

export const s3DestinationTlsOnly: ResourceValidationPolicy = {
  name: "s3-destination-tls-only",
  description: "Checks whether queue and topic policies that let S3 in also deny every request made without TLS.",
  enforcementLevel: "advisory",
  validateResource: async (args, report) => {
    const found = documentOf(args.type, args.props as Record<string, unknown>);
    if (!found || found.kind === "lambda") return;
    const { granted, insecure } = await insecureDeliveries(found.document, found.kind);
    if (!granted || insecure.length === 0) return;
    report(
      `${args.type} \`${args.name}\` lets ${S3_PRINCIPAL} in but does not deny ${insecure[0]} when \`aws:SecureTransport\` is false; it should, ` +
        `so messages never travel in clear text. Add a Deny for every principal with \`Bool aws:SecureTransport = false\`. ${GRANT_DOCS[found.kind]}`,
    );
  },
};

type StackResource = PolicyResource;

export const s3DestinationOnePolicy: StackValidationPolicy = {
  name: "s3-destination-one-policy",
  description:
    "Checks whether each queue and topic has at most one policy (a policy resource or its own `policy` property), since each replaces the whole policy.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const destinations = new DestinationIndex(args.resources);
    const first = new Map<string, StackResource>();
    for (const r of args.resources) {
      const type = GRANT_TYPES[r.type];
      if (!type || type.kind === "lambda") continue;
      if (isInlineGrant(r.type) && !hasOwnPolicy(r)) continue;
      for (const target of grantTargets(r, destinations).targets) {
        const key = targetKey(target);
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, r);
          continue;
        }
        const what = type.kind === "sqs" ? "queue" : "topic";
        report(
          `${r.type} \`${r.name}\` and ${earlier.type} \`${earlier.name}\` both set the policy of the same ${what}, so one silently replaces ` +
            `the other's grants. Keep one policy naming every source (drop the ${what}'s own \`policy\` or the separate resource). ${GRANT_DOCS[type.kind]}`,
          r.urn,
        );
      }
    }
  },
};

export const s3NotificationOnePerBucket: StackValidationPolicy = {
  name: "s3-notification-one-per-bucket",
  description:
    "Checks whether each bucket has at most one notification configuration (a notification resource or an aws-native bucket's own), since each replaces the bucket's whole configuration.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const first = new Map<string, StackResource>();
    for (const n of args.resources.filter(isNotification)) {
      const { resource, name } = bucketOf(n, args.resources);
      const key = resource ? resource.urn : typeof name === "string" ? `name:${name}` : undefined;
      if (key === undefined) continue;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, n);
        continue;
      }
      report(
        `${n.type} \`${n.name}\` and ${earlier.type} \`${earlier.name}\` configure the same bucket, so each deployment overwrites the other's rules. ` +
          `Put every rule of the bucket into one notification configuration. ${DOCS.notificationReplaced}`,
        n.urn,
      );
    }
  },
};

