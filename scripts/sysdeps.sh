#!/usr/bin/env bash
# System packages the test suite needs beyond Python: a Java runtime (Spark) and Chromium
# (dashboard end-to-end tests).  Installs Debian's packages when missing and run as root;
# otherwise says what is missing (those tests then fail with a clear message).
set -euo pipefail
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "warning: missing system packages: ${missing[*]} — install them for the Spark and browser tests" >&2
fi
