#!/usr/bin/env bash
# Debian packages the test suite uses as independent checkers and peers (run as root, once per machine).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  chromium \
  poppler-utils qpdf libxml2-utils openssl unzip zip \
  liblcms2-utils libimage-exiftool-perl imagemagick \
  ca-certificates >/dev/null
