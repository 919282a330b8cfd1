#!/bin/sh
# Vendor GOV.UK Frontend's compiled files into app/static/govuk.
#
#   npm ci && sh tools/build-assets.sh
#
# Only needed when the govuk-frontend version in package.json changes: the output is
# committed, and the app serves it itself (never from a CDN).
#
# The GOV.UK crown and the GDS Transport typeface are for GOV.UK only, not for councils, so:
# - no fonts or images are copied;
# - the @font-face rules are removed and "GDS Transport" is dropped from every font stack,
#   leaving GOV.UK Frontend's own fallback (arial, sans-serif). This is what compiling the
#   Sass with $govuk-include-default-font-face: false and $govuk-font-family: arial, sans-serif
#   would give, without needing a Sass compiler.
# - source map comments are removed (the maps are not shipped).
set -eu

cd "$(dirname "$0")/.."
src=node_modules/govuk-frontend/dist/govuk
out=app/static/govuk

if [ ! -f "$src/govuk-frontend.min.css" ]; then
    echo "build-assets: $src is missing; run 'npm ci' first" >&2
    exit 1
fi

version=$(node -p "require('./node_modules/govuk-frontend/package.json').version")
mkdir -p "$out"

sed -e 's/@font-face{font-family:GDS Transport;[^}]*}//g' \
    -e 's/font-family:GDS Transport,/font-family:/g' \
    -e 's|/\*# sourceMappingURL=[^*]*\*/||g' \
    "$src/govuk-frontend.min.css" > "$out/govuk-frontend.min.css"

sed -e 's|//# sourceMappingURL=.*$||' \
    "$src/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"

if grep -q -e 'GDS Transport' -e '/assets/fonts/' "$out/govuk-frontend.min.css"; then
    echo "build-assets: GDS Transport is still referenced in $out/govuk-frontend.min.css" >&2
    exit 1
fi

echo "$version" > "$out/VERSION"
echo "build-assets: GOV.UK Frontend $version copied to $out"
