// Loaded after ts-node under mutation testing only: V8's own stack traces, not source-mapped ones.
// Pulumi takes a full stack trace for every resource it registers (`Resource.callsites` in
// @pulumi/pulumi's resource.js, with no depth limit), and mapping each frame through ts-node's
// source maps was half of a component spec's time. Nobody reads a mutant's stack trace.
Error.prepareStackTrace = undefined;
