#!/usr/bin/env bash
# Debian packages the test suite uses as independent checkers and test peers (run as root, once per
# machine): Chromium for the end-to-end tests, poppler/qpdf/xmllint/openssl/exiftool/lcms/ImageMagick
# as independent checkers, strace (the blob store's fsync order), the sqlite3 shell (must not read an encrypted database), g++/make (node-gyp builds the sqlite3 driver with SQLite3 Multiple Ciphers), ClamAV (the archive's virus check), SANE's test scanner, SoftHSM2 as a PKCS#11 token. The benchmark peers
# (tesseract-ocr-deu, ocrmypdf, python3-sklearn, curl) are only needed for `npm run bench`.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  chromium \
  poppler-utils qpdf libxml2-utils openssl unzip zip \
  liblcms2-utils libimage-exiftool-perl imagemagick \
  sane-utils softhsm2 opensc libnss3-tools libtiff-tools zbar-tools strace clamav sqlite3 g++ make \
  ca-certificates >/dev/null
