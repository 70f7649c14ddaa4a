#!/usr/bin/env bash
# The body of action.yml's "Run synthlint" step (kept in a file so that test/unit/cli/ci.test.ts runs it as the
# runner would). Reads INPUT_* and writes `sarif-file` and `exit-code` to $GITHUB_OUTPUT; never fails itself,
# so the SARIF upload still runs and the action's last step fails with synthlint's exit code.
set -uo pipefail

# Which synthlint: the project's own (npm i -D synthlint), else the version asked for, else this checkout's.
if [ -x node_modules/.bin/synthlint ]; then
  cli=(node_modules/.bin/synthlint)
elif [ -n "${INPUT_VERSION:-}" ]; then
  cli=(npx --yes "synthlint@${INPUT_VERSION}")
else
  if [ ! -f "$GITHUB_ACTION_PATH/dist/cli.js" ]; then
    echo "::group::Build synthlint"
    (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund && npm run build) || { echo "exit-code=2" >>"$GITHUB_OUTPUT"; exit 0; }
    echo "::endgroup::"
  fi
  cli=(node "$GITHUB_ACTION_PATH/dist/cli.js")
fi

read -r -a paths <<<"$(echo "${INPUT_PATHS:-.}" | tr '\n' ' ')"
read -r -a args <<<"${INPUT_ARGS:-}"
sarif="${INPUT_SARIF_FILE:-synthlint-results/synthlint.sarif}"
# The annotation run reuses the data profiles of the SARIF run instead of reading the data twice.
cache="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/synthlint-cache"

"${cli[@]}" check "${paths[@]}" "${args[@]}" --cache-dir "$cache" --format sarif --output-file "$sarif"
code=$?
if [ "${INPUT_ANNOTATIONS:-true}" = "true" ] && [ "$code" != 2 ]; then
  "${cli[@]}" check "${paths[@]}" "${args[@]}" --cache-dir "$cache" --format github
fi
[ -f "$sarif" ] && echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
