#!/usr/bin/env bash
# Installs what `npm run bench` needs besides Node (as root, Debian): OpenLDAP's slapd + slapadd (the peer server),
# ldap-utils, and optionally ldclt (389-ds-base, --with-ldclt). The system slapd is never configured or started:
# debconf's slapd/no_configuration leaves /etc/ldap/slapd.d empty, and a policy-rc.d exiting 101 stops the package
# scripts from starting the service. The benchmark runs its own private slapd under a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

with_ldclt=0
for arg in "$@"; do
  case "$arg" in
    --with-ldclt) with_ldclt=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "bench-setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
packages=(slapd ldap-utils)
[ "$with_ldclt" = 1 ] && packages+=(389-ds-base)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "bench-setup: already installed: ${packages[*]}"
  exit 0
fi

echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
# Keep a policy-rc.d that was already there (container images ship one); remove only the one we created.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "bench-setup: installed ${missing[*]}"
