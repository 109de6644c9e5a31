#!/usr/bin/env bash
# Install LibreOffice (PDF conversion, slow tests), poppler (pdftotext, pdftoppm) and libyaml's headers on
# Debian/Ubuntu.
set -euo pipefail
# Calc (libsclo.so) reads the monitoring .xlsx back in the slow tests; elsewhere (Windows, macOS) it ships with LibreOffice.
calc_ok() { [ ! -d /usr/lib/libreoffice/program ] || [ -e /usr/lib/libreoffice/program/libsclo.so ]; }
# python3-uno: `build --pdf` feeds one LibreOffice, started while the documents render, through UNO (src/orderforge/pdf.py);
# without it the PDFs still come, through a slower one-shot `soffice --convert-to`.
uno_ok() { [ ! -d /usr/lib/libreoffice/program ] || /usr/bin/python3 -c "import uno" 2>/dev/null; }
# libyaml's headers and a C compiler: the optional compiled YAML reader (setup.py, src/orderforge/_yamlc.pyx);
# without them plans are read through PyYAML, a tenth slower to build.
yaml_ok() { [ -e /usr/include/yaml.h ] && command -v cc >/dev/null; }
if command -v soffice >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && calc_ok && uno_ok \
    && yaml_ok; then
  exit 0
fi
packages="libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-liberation poppler-utils libyaml-dev gcc"
if [ "$(id -u)" = "0" ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Нужны LibreOffice, poppler и libyaml: установите пакеты $packages (apt-get install) и повторите." >&2
  exit 2
fi
echo "Устанавливаю $packages …" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
