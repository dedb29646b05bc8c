#!/usr/bin/env node
// The same program as bin/oras-ts.js, installed as `oras` for drop-in use in place of the Go oras CLI.
import "./oras-ts.js";
