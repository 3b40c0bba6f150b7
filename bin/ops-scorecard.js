#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script, or `npm run build`).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'server', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('ops-scorecard is not built yet: run `npm install` or `npm run build` first.\n');
  process.exit(2);
}
require(entry).runFromProcess();
