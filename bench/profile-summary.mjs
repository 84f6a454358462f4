// `node bench/profile-summary.mjs <file.cpuprofile> [top]`: self time by package and the top functions
// of a V8 CPU profile (from `node --cpu-prof`), for the notes of issue 18.
import { readFileSync } from 'node:fs';

const [file, top = '15'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++)
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const byPackage = new Map();
const byFunction = new Map();
for (const node of profile.nodes) {
  const us = dt.get(node.id) ?? 0;
  if (!us) continue;
  const url = node.callFrame.url ?? '';
  const pkg = url.includes('node_modules/')
    ? url
        .split('node_modules/')
        .pop()
        .split('/')
        .slice(0, url.split('node_modules/').pop().startsWith('@') ? 2 : 1)
        .join('/')
    : url.includes('/src/')
      ? 'src (ours)'
      : url.includes('/bench/')
        ? 'bench driver'
        : url.startsWith('node:')
          ? 'node core'
          : node.callFrame.functionName
            ? `(${node.callFrame.functionName})`
            : '(vm)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${pkg}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const show = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(top))
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`self time by package (${(total / 1e6).toFixed(1)} s sampled)\n${show(byPackage)}\n\ntop functions\n${show(byFunction)}`);
