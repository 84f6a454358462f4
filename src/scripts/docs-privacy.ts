/**
 * `npm run docs:privacy`: writes the role × field matrix (src/privacy/field-matrix.ts) into the
 * README between its markers, so the table cannot drift from the role lists the code checks.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { fieldMatrixMarkdown } from '../privacy/field-matrix.js';

const BEGIN = '<!-- privacy-matrix:begin (npm run docs:privacy) -->';
const END = '<!-- privacy-matrix:end -->';
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
writeFileSync('README.md', `${readme.slice(0, start + BEGIN.length)}\n${fieldMatrixMarkdown()}\n${readme.slice(end)}`);
console.log('README.md: role × field matrix written');
