import { PolicyPack } from "@pulumi/policy";
import {
  s3DestinationGrantScoped,
  s3DestinationOnePolicy,
  s3DestinationTlsOnly,
  s3NotificationOnePerBucket,
} from "./rules/grantPolicies";
import {
  s3DestinationEncryptionUsable,
  s3DestinationGrantExternal,
  s3DestinationGrantPresent,
  s3DestinationHasDlq,
  s3NotificationRecursion,
} from "./rules/stackPolicies";
import {
  s3DestinationCompatible,
  s3NotificationFilterLiteral,
  s3NotificationFilterRequired,
  s3NotificationNoOverlap,
  s3NotificationNotOverlyBroad,
  s3NotificationValidEventsAndFilters,
} from "./rules/notificationPolicies";
import { timelinePolicies } from "./rules/timelinePolicies";

export const policies = [
  s3NotificationFilterRequired,
  s3NotificationNotOverlyBroad,
  s3NotificationNoOverlap,
  s3NotificationValidEventsAndFilters,
  s3NotificationFilterLiteral,
  s3NotificationOnePerBucket,
  s3DestinationGrantScoped,
  s3DestinationTlsOnly,
  s3DestinationOnePolicy,
  s3DestinationGrantPresent,
  s3DestinationGrantExternal,
  s3DestinationHasDlq,
  s3DestinationCompatible,
  s3DestinationEncryptionUsable,
  s3NotificationRecursion,
  ...timelinePolicies,
];

new PolicyPack("s3-notification-policies", { policies });
