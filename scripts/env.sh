# Sourced by the scripts: puts the project's tools on PATH (cargo-installed trunk and
# wasm-bindgen, npm-installed wasm-opt) so Trunk never tries to download its own.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
