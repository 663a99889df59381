/* global module */
// The extension host loads plain JavaScript: register tsx, then hand over to the TypeScript suite.
require('tsx/cjs');
module.exports = require('./index.ts');
