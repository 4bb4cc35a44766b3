#!/usr/bin/env bash
# Installs what `make demo` and `make test` need and a fresh Debian/Ubuntu machine with
# Swift lacks: native libraries and tools through apt (sudo only when not root), and the
# official Python XenAPI client in a local venv (.venv), used as the conformance client.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libncurses-dev libcurl4-openssl-dev tmux stunnel4 openssl python3-venv)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! .venv/bin/python -c 'import XenAPI' 2>/dev/null; then
    echo "installing the Python XenAPI client into .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check XenAPI
fi
