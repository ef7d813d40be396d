#!/usr/bin/env bash
# Builds the real Pulumi CLI and the language hosts the module proxy serves, from their Go modules,
# into .engine/bin (git-ignored). Returns at once when they are built for this version already.
# The version is @pulumi/pulumi's: CLI and SDK move together.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.engine/bin"
version="$(node -p 'require("@pulumi/pulumi/package.json").version')"
stamp="$bin/.built-v$version"

# The CLI's module must be the SDK's version, or the engine and the program speak different releases.
if ! grep -q "github.com/pulumi/pulumi/pkg/v3 v$version" "$here/go.mod"; then
  echo "engine:build: tools/engine/go.mod does not require pkg/v3 v$version (the @pulumi/pulumi version)." >&2
  exit 2
fi
if [ -f "$stamp" ] && [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-yaml" ]; then
  echo "engine:build: pulumi v$version already built in .engine/bin"
  exit 0
fi
command -v go >/dev/null || { echo "engine:build: Go is not installed (go 1.26 is needed)." >&2; exit 2; }

mkdir -p "$bin"
build() { # module folder, package, output name, version variable=value
  echo "engine:build: $3"
  (cd "$1" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w -X $4" -o "$bin/$3" "$2")
}
start=$(date +%s)
# Without the version stamp `pulumi version` prints nothing and the Automation API refuses the CLI.
build "$here" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi \
  "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
# The YAML language host is its own module, on its own release (README: "The real engine").
yaml_version="$(cd "$here/language-yaml" && go list -m -f '{{.Version}}' github.com/pulumi/pulumi-yaml)"
build "$here/language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml pulumi-language-yaml \
  "github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version"
rm -f "$bin"/.built-v*
touch "$stamp"
echo "engine:build: built in $(( $(date +%s) - start )) s: $("$bin/pulumi" version)"
