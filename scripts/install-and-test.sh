#!/usr/bin/env bash
# Installs everything Warden's tests need on a fresh Debian machine (as root), then lints and runs every test.
# The README's test command and .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt_packages=(ldap-utils python3-ldap3)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  # Debian's slapd package would start a system slapd on port 389; tests run their own private ones.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
  rm -f /usr/sbin/policy-rc.d
fi

npm ci --no-audit --no-fund
npm run lint
npm test
