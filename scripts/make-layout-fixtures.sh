#!/bin/sh
# Writes fixtures/layouts (issue 14's spreadsheet habits, see scripts/make-layout-fixtures.py):
# openpyxl, xlsxwriter and xlwt write the workbooks and their expected rows, then LibreOffice
# converts each openpyxl workbook to .xlsx, .xls and .ods. Needs /usr/bin/python3 with openpyxl,
# xlsxwriter and xlwt (Debian python3-openpyxl, python3-xlsxwriter, python3-xlwt) and soffice
# (libreoffice-calc-nogui). The tests need none of them: they read what this committed.
set -eu
cd "$(dirname "$0")/.."
out=fixtures/layouts
rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 scripts/make-layout-fixtures.py "$out"
# A profile of its own, so the conversion never touches the user's LibreOffice settings.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for habit in "$out"/*/; do
  for pair in "xlsx:Calc MS Excel 2007 XML" "xls:MS Excel 97" "ods:calc8"; do
    ext=${pair%%:*}
    filter=${pair#*:}
    soffice -env:UserInstallation="file://$profile" --headless --convert-to "$ext:$filter" \
      --outdir "${habit}libreoffice-$ext" "${habit}"openpyxl/*.xlsx >/dev/null
  done
done
echo "wrote $(find "$out" -type f | wc -l) files under $out"
