#!/usr/bin/env bash
# Records the migrations of a release as released: their SHA-256 (of the text with LF line endings) goes into
# src/Bozhou.Hotline.Migrations.*/released-migrations.sha256, and a unit test (ReleasedMigrationsTests) fails from
# then on when a listed migration is edited, renamed or removed. Run it when tagging a release; new migrations
# made after it are added to the list at the next release. The model snapshot is not listed: each new migration
# rewrites it.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/Bozhou.Hotline.Migrations.Sqlite src/Bozhou.Hotline.Migrations.Postgres; do
  manifest="$project/released-migrations.sha256"
  : > "$manifest.new"
  for file in $(cd "$project" && ls Migrations/*.cs | grep -v ModelSnapshot | sort); do
    hash=$(tr -d '\r' < "$project/$file" | sha256sum | cut -d' ' -f1)
    echo "$hash  $file" >> "$manifest.new"
  done
  mv "$manifest.new" "$manifest"
  echo "$manifest: $(wc -l < "$manifest") files"
done
