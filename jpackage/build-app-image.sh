#!/usr/bin/env bash
# Builds a self-contained LogitLab for Linux in target/jpackage/LogitLab (a JDK 17 runtime included):
#   bash jpackage/build-app-image.sh && target/jpackage/LogitLab/bin/LogitLab
# The app jar and its libraries (JavaFX and ND4J included) run on the class path, as with `java -jar`.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B package -DskipTests
rm -rf target/jpackage target/jpackage-input
mkdir -p target/jpackage-input/lib
cp target/logitlab.jar target/jpackage-input/
cp target/lib/*.jar target/jpackage-input/lib/

jpackage --type app-image \
  --name LogitLab \
  --app-version 0.1.0 \
  --vendor "LogitLab" \
  --description "Watch a tiny language model learn" \
  --input target/jpackage-input \
  --main-jar logitlab.jar \
  --main-class dev.logitlab.app.Launcher \
  --java-options "-Xmx4g -Dfile.encoding=UTF-8" \
  --dest target/jpackage

du -sh target/jpackage/LogitLab
