# Binaries the repo-server suites run for real: git (with git-http-backend),
# sshd for git over SSH, jsonnet, an OCI registry (docker-registry). Sourced
# by ./dev (before tests) and .ci/run; installs the missing ones from Debian's
# packages when running as root, else says which to install.
ensure_test_tools() {
  local missing=()
  command -v git >/dev/null || missing+=(git)
  command -v jsonnet >/dev/null || missing+=(jsonnet)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  [ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "driftless: the tests need ${missing[*]} — install them: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "driftless: installing ${missing[*]} from Debian packages (once)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
