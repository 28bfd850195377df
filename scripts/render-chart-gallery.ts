/**
 * Renders one PNG of every chart builder, with realistic data, into test-output/gallery/, so a
 * person can look at them (fonts, clipping, facet proportions, colours) after changing the
 * charts or display modules. Prints the render time of each.
 *
 *   node --import tsx scripts/render-chart-gallery.ts [outDir]
 *
 * Data: a 10-layer tanh network simulated in plain JS for the init-scheme charts; the
 * Fashion-MNIST subset in datasets/ for the image grid (synthetic images if it is missing);
 * seeded synthetic numbers elsewhere. Deterministic: the same PNGs every run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Rng } from '../kernel-helpers/src/random';
import {
  histogramBins,
  lineChart,
  layerStatsChart,
  trainingCurves,
  layerHistograms,
  weightScaleHistograms,
  scatterChart,
  heatmap,
  matrixRows,
  barChart,
  imageGrid,
  pointClouds,
  type Figure,
  type LayerHistogram,
  type ScaledLayerHistogram,
  type TrainingRecord,
} from '../kernel-helpers/src/charts';
import { renderPng, renderSvg, svgToPng, chartFontFiles, pngSize } from '../kernel-helpers/src/display';

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'test-output', 'gallery'));
const rng = new Rng(231);

/** Forward pass of a 10-layer tanh (or ReLU) net on N×D Gaussian data; returns each layer's activations. */
function simulateNet(weightStd: (fanIn: number) => number, activation: 'tanh' | 'relu', n = 400, d = 200, layers = 10): Float32Array[] {
  let h = new Float32Array(n * d);
  for (let i = 0; i < h.length; i++) h[i] = rng.normal();
  const out: Float32Array[] = [];
  for (let l = 0; l < layers; l++) {
    const std = weightStd(d);
    const W = new Float32Array(d * d);
    for (let i = 0; i < W.length; i++) W[i] = rng.normal(0, std);
    const next = new Float32Array(n * d);
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < d; k++) {
        const a = h[r * d + k];
        if (a === 0) continue;
        const wRow = k * d;
        const o = r * d;
        for (let c = 0; c < d; c++) next[o + c] += a * W[wRow + c];
      }
    }
    for (let i = 0; i < next.length; i++) next[i] = activation === 'tanh' ? Math.tanh(next[i]) : Math.max(0, next[i]);
    out.push(next);
    h = next;
  }
  return out;
}

function readIdxGz(file: string): { dims: number[]; data: Uint8Array } | undefined {
  if (!fs.existsSync(file)) return undefined;
  const bytes = gunzipSync(fs.readFileSync(file));
  const nd = bytes[3];
  const dims = Array.from({ length: nd }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  return { dims, data: bytes.subarray(4 + 4 * nd) };
}

const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function gallery(): Record<string, Figure> {
  const figures: Record<string, Figure> = {};

  // Init schemes on a 10-layer tanh net (and He on ReLU), as in Lecture 6.
  const schemes: [string, (fanIn: number) => number, 'tanh' | 'relu'][] = [
    ['small', () => 0.01, 'tanh'],
    ['large', () => 1.0, 'tanh'],
    ['xavier', (f) => 1 / Math.sqrt(f), 'tanh'],
    ['xavierRelu', (f) => 1 / Math.sqrt(f), 'relu'],
    ['he', (f) => Math.sqrt(2 / f), 'relu'],
  ];
  const statsRows: Record<string, unknown>[] = [];
  const panels: LayerHistogram[] = [];
  for (const [init, std, act] of schemes) {
    const acts = simulateNet(std, act);
    acts.forEach((a, l) => {
      const domain: [number, number] = act === 'tanh' ? [-1, 1] : [0, 3];
      const h = histogramBins(a, { bins: 30, domain });
      statsRows.push({ init, layer: l + 1, mean: h.mean, std: h.std });
      panels.push({ layer: l + 1, case: init, histogram: h });
    });
  }
  figures['layer-stats'] = layerStatsChart(statsRows, {
    title: 'Xavier keeps the spread; 0.01·randn collapses it, 1.0·randn saturates',
    subtitle: '10-layer net, 200 units per layer, 400 Gaussian inputs',
  });
  figures['layer-histograms'] = layerHistograms(panels, {
    title: 'Only Xavier (tanh) and He (ReLU) keep every layer’s activations spread out',
    subtitle: 'activation histograms per layer; tanh on [-1, 1], ReLU on [0, 3]',
    palette: 'init',
    xResolve: 'independent',
  });

  // Weight-scale slider (static form rendered).
  const scaled: ScaledLayerHistogram[] = [];
  for (const s of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]) {
    const acts = simulateNet(() => s / Math.sqrt(2), 'tanh', 200, 100, 6);
    acts.forEach((a, l) => scaled.push({ scale: s, layer: l + 1, histogram: histogramBins(a, { bins: 30, domain: [-1, 1] }) }));
  }
  figures['weight-scale'] = weightScaleHistograms(scaled, {
    title: 'Too small a scale collapses the activations, too large saturates them',
    subtitle: '6-layer tanh net; weights scale·randn',
    xTitle: 'tanh output',
    staticScales: [0.01, 0.1, 1],
  });

  // Loss curves of several runs, log y.
  const lossRows: Record<string, unknown>[] = [];
  for (const [run, tau] of [['lr 1e-2', 150], ['lr 1e-3', 600], ['lr 1e-4', 5000]] as const) {
    for (let s = 0; s <= 2000; s += 10) lossRows.push({ run, step: s, loss: (2.3 - 0.3) * Math.exp(-s / tau) + 0.3 + 0.05 * Math.abs(rng.normal()) });
  }
  figures['loss-curves'] = lineChart(lossRows, {
    x: 'step', y: 'loss', series: 'run', yScale: 'log',
    title: 'lr 1e-2 converges in 500 iterations; 1e-4 has barely started',
    subtitle: '2-layer net on Fashion-MNIST, batch 200',
    xTitle: 'iteration', yTitle: 'training loss (cross-entropy, nats)', seriesTitle: 'learning rate',
  });

  // Training dashboard as the live chart draws it.
  const records: TrainingRecord[] = [];
  for (let s = 0; s < 1500; s++) records.push({ step: s, epoch: Math.floor(s / 150), loss: 2.3 * Math.exp(-s / 400) + 0.4 + 0.15 * rng.normal() ** 2 });
  for (let e = 0; e < 10; e++) records.push({ epoch: e + 1, trainAcc: 0.9 - 0.6 * Math.exp(-e / 2.5), valAcc: 0.82 - 0.5 * Math.exp(-e / 2) });
  figures['training-curves'] = trainingCurves(records, { title: 'Validation accuracy levels off at 0.82 while train keeps rising', subtitle: '10 epochs, batch 200, lr 1e-3' });

  // Random search: val accuracy over lr and reg.
  const trials: Record<string, unknown>[] = [];
  for (let i = 0; i < 80; i++) {
    const lr = 10 ** rng.uniform(-6, -1);
    const reg = 10 ** rng.uniform(-5, 1);
    const acc = 0.1 + 0.42 * Math.exp(-((Math.log10(lr) + 3.3) ** 2) / 0.8 - ((Math.log10(reg) + 2) ** 2) / 6) + 0.02 * rng.normal();
    trials.push({ lr, reg, valAcc: Math.max(0.05, acc) });
  }
  figures['search-scatter'] = scatterChart(trials, {
    x: 'lr', y: 'reg', color: 'valAcc',
    title: 'The best runs sit near lr 5e-4, almost regardless of reg',
    subtitle: '80 random trials, 5 epochs each',
    xTitle: 'learning rate (log scale)', yTitle: 'L2 regularization strength (log scale)', colorTitle: 'val accuracy',
  });

  // Grid search heatmap.
  const grid: Record<string, unknown>[] = [];
  for (const lr of [1e-5, 1e-4, 1e-3, 1e-2, 1e-1]) {
    for (const reg of [1e-4, 1e-3, 1e-2, 1e-1, 1]) {
      const acc = 0.1 + 0.42 * Math.exp(-((Math.log10(lr) + 3.3) ** 2) / 0.8 - ((Math.log10(reg) + 2) ** 2) / 6);
      grid.push({ lr: lr.toExponential(0), reg: reg.toExponential(0), valAcc: acc });
    }
  }
  figures['grid-heatmap'] = heatmap(grid, {
    x: 'lr', y: 'reg', value: 'valAcc',
    title: 'Grid search: lr 1e-3 wins at every reg up to 1e-1',
    xTitle: 'learning rate', yTitle: 'regularization', valueTitle: 'val accuracy', format: '.2f',
  });

  // Covariance matrix (diverging).
  const cov: number[][] = Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => (i === j ? 1 : 0.8 ** Math.abs(i - j) * (i % 3 === 0 ? -1 : 1))));
  figures['covariance-heatmap'] = heatmap(matrixRows(cov), {
    x: 'col', y: 'row', value: 'value', colors: 'diverging', labels: false,
    title: 'Neighbouring pixels are strongly correlated before whitening',
    xTitle: 'feature', yTitle: 'feature', valueTitle: 'covariance',
  });

  // Fashion-MNIST samples with class names.
  const images = readIdxGz(path.join(root, 'datasets/fashion-mnist-subset/t10k-images-idx3-ubyte.gz'));
  const labels = readIdxGz(path.join(root, 'datasets/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz'));
  const count = 32;
  if (images && labels) {
    figures['fashion-mnist-grid'] = imageGrid(
      { data: images.data.subarray(0, count * 784), shape: [count, 28, 28] },
      { title: 'Fashion-MNIST: 10 classes of 28×28 grey images', captions: Array.from(labels.data.subarray(0, count), (l) => CLASSES[l]), domain: [0, 255] },
    );
  } else {
    const synth = Array.from({ length: count }, (_, k) => Float32Array.from({ length: 784 }, (_, i) => Math.max(0, 1 - Math.hypot((i % 28) - 14, Math.floor(i / 28) - 14) / (4 + (k % 10)))));
    figures['fashion-mnist-grid'] = imageGrid(synth, { title: 'Synthetic stand-ins (Fashion-MNIST subset not found)', captions: synth.map((_, k) => CLASSES[k % 10]) });
  }

  // Eigenvector images, diverging, shared range with legend.
  const eig = Array.from({ length: 12 }, (_, k) => {
    const fx = 1 + (k % 4);
    const fy = 1 + Math.floor(k / 4);
    return Float32Array.from({ length: 784 }, (_, i) => Math.cos((Math.PI * fx * (i % 28)) / 28) * Math.cos((Math.PI * fy * Math.floor(i / 28)) / 28) / (1 + k / 4));
  });
  figures['eigenvector-grid'] = imageGrid(eig, {
    title: 'The top principal components are smooth, low-frequency patterns',
    captions: eig.map((_, k) => `PC ${k + 1}`), colors: 'diverging', normalize: 'shared', columns: 6, valueTitle: 'weight',
  });

  // Final accuracy per activation.
  const accs: Record<string, number> = { sigmoid: 0.71, tanh: 0.83, relu: 0.86, leakyRelu: 0.862, prelu: 0.864, elu: 0.858, maxout: 0.866, gelu: 0.868, silu: 0.867 };
  figures['activation-bars'] = barChart(Object.entries(accs).map(([activation, valAcc]) => ({ activation, valAcc })), {
    category: 'activation', value: 'valAcc', palette: 'activation', format: '.1%', domain: [0, 1],
    title: 'Sigmoid trails by 15 points; the ReLU family is within one point',
    categoryTitle: 'activation', valueTitle: 'validation accuracy after 10 epochs',
  });

  // Preprocessing pipeline on a correlated 2-D Gaussian.
  const n = 500;
  const raw = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    raw[2 * i] = 5 + 3 * a;
    raw[2 * i + 1] = 2 + 1.8 * a + 0.6 * b;
  }
  const mean = [0, 1].map((c) => raw.filter((_, i) => i % 2 === c).reduce((s, v) => s + v, 0) / n);
  const centred = raw.map((v, i) => v - mean[i % 2]);
  const sd = [0, 1].map((c) => Math.sqrt(centred.filter((_, i) => i % 2 === c).reduce((s, v) => s + v * v, 0) / n));
  const normalized = centred.map((v, i) => v / sd[i % 2]);
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += centred[2 * i] ** 2 / n;
    sxy += (centred[2 * i] * centred[2 * i + 1]) / n;
    syy += centred[2 * i + 1] ** 2 / n;
  }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const decorrelated = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    decorrelated[2 * i] = c * centred[2 * i] + s * centred[2 * i + 1];
    decorrelated[2 * i + 1] = -s * centred[2 * i] + c * centred[2 * i + 1];
  }
  const dsd = [0, 1].map((k) => Math.sqrt(decorrelated.filter((_, i) => i % 2 === k).reduce((a, v) => a + v * v, 0) / n));
  const whitened = decorrelated.map((v, i) => v / dsd[i % 2]);
  figures['preprocessing-clouds'] = pointClouds(
    [
      { label: 'original', points: raw },
      { label: 'zero-centred', points: centred },
      { label: 'normalized', points: normalized },
      { label: 'decorrelated', points: decorrelated },
      { label: 'whitened', points: whitened },
    ],
    { title: 'Whitening turns the tilted ellipse into a round cloud at the origin', subtitle: '500 points of a correlated 2-D Gaussian; equal axis scales', size: 170 },
  );
  return figures;
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const font = chartFontFiles();
  console.log(`font: ${font.family} (${font.regular}${font.bold ? `, bold ${path.basename(font.bold)}` : ', no bold face'})`);
  const figures = gallery();
  // Warm-up: the first render loads Vega, Vega-Lite and resvg.
  let t = performance.now();
  await renderPng(figures['loss-curves']);
  console.log(`first render (loads vega, vega-lite, resvg): ${(performance.now() - t).toFixed(0)} ms`);
  console.log('chart                      svg ms  png ms   size (px)   spec kB   png kB');
  for (const [name, figure] of Object.entries(figures)) {
    t = performance.now();
    const svg = await renderSvg(figure);
    const svgMs = performance.now() - t;
    t = performance.now();
    const png = svgToPng(svg, { scale: 2 });
    const pngMs = performance.now() - t;
    const { width, height } = pngSize(png);
    fs.writeFileSync(path.join(outDir, `${name}.png`), png);
    const specKb = JSON.stringify(figure).length / 1024;
    console.log(
      `${name.padEnd(26)} ${svgMs.toFixed(0).padStart(6)} ${pngMs.toFixed(0).padStart(7)}   ${`${width}×${height}`.padEnd(11)} ${specKb.toFixed(1).padStart(7)} ${(png.length / 1024).toFixed(0).padStart(8)}`,
    );
  }
  console.log(`wrote ${Object.keys(figures).length} PNGs to ${outDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
