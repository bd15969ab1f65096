// The diagram downloads as a standalone SVG (styles inlined, no classes, no
// external references) and as a PNG drawn on a canvas.
import fs from 'node:fs';
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

it('downloads the diagram as SVG', async (page) => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-svg')]);
  assert.equal(dl.suggestedFilename(), 'wsframe-frame-1.svg');
  const svg = fs.readFileSync(await dl.path(), 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Masking-key/);
  assert.match(svg, /fill="rgb\(/, 'colours are inlined');
  assert.doesNotMatch(svg, /class=|<style|href=|url\(/, 'no style sheet or external reference needed');
  fs.copyFileSync(await dl.path(), 'artifacts/download-frame-1.svg');
});

it('downloads the diagram as PNG', async (page) => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-png')]);
  assert.equal(dl.suggestedFilename(), 'wsframe-frame-1.png');
  const png = fs.readFileSync(await dl.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  assert.ok(width >= 2000, `PNG is ${width}px wide (2x the diagram)`);
  fs.copyFileSync(await dl.path(), 'artifacts/download-frame-1.png');
});
