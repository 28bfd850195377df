/**
 * The training dashboard: loss per iteration on the left, train and validation accuracy per
 * epoch on the right. Takes the same records the train loop reports (`StepInfo`, `EpochInfo`),
 * mixed in one array, so a live chart can push whatever arrives.
 */
import type { VegaLiteSpec } from './types';
import { paletteScale, paletteLabel } from './theme';
import { checkPositive, checkPositiveInteger } from './validate';
import { checkTitle, specHeader, axisScale, type AxisScale, type TitleOptions } from './parts';

/**
 * One record of training progress. A record with `step` and `loss` is a point of the loss curve;
 * a record with `epoch` and `trainAcc` and/or `valAcc` is a point of the accuracy curves. The
 * train loop's `StepInfo` and `EpochInfo` are both records.
 */
export interface TrainingRecord {
  /** 0-based iteration. */
  step?: number;
  /** 0-based epoch. */
  epoch?: number;
  /** Minibatch loss (plotted against `step`). */
  loss?: number;
  /** Training accuracy in [0, 1] (plotted against `epoch`). */
  trainAcc?: number;
  /** Validation accuracy in [0, 1]; NaN (no validation set) is skipped. */
  valAcc?: number;
}

/** Options of {@link trainingCurves}. */
export interface TrainingCurvesOptions extends TitleOptions {
  /** Loss axis scale. Default `'linear'`; `'log'` shows the late, slow decrease. */
  lossScale?: AxisScale;
  /** Loss axis title with units. Default `'training loss (cross-entropy)'`. */
  lossTitle?: string;
  /**
   * Most loss points drawn. Longer runs are averaged in equal buckets of consecutive steps, which
   * keeps the spec small and a redraw fast while keeping the trend. Default 1000.
   */
  maxLossPoints?: number;
  /** Width of each panel in pixels. Default 360. */
  panelWidth?: number;
  /** Height of each panel in pixels. Default 240. */
  panelHeight?: number;
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Loss and accuracy curves from training records.
 *
 * @param records step and epoch records in any order and mix (see {@link TrainingRecord}).
 * @returns a Vega-Lite spec with one or two panels (a panel without data is left out).
 * @throws if no record has a finite loss with a step nor an accuracy with an epoch, if a loss
 *   is NaN/Infinity (the run diverged: say so rather than draw a gap), or a loss ≤ 0 on a log scale.
 */
export function trainingCurves(records: readonly TrainingRecord[], options: TrainingCurvesOptions): VegaLiteSpec {
  const fn = 'trainingCurves';
  if (!Array.isArray(records)) throw new TypeError(`${fn}: records must be an array`);
  checkTitle(fn, options);
  const lossScale = options.lossScale ?? 'linear';
  const maxPoints = options.maxLossPoints ?? 1000;
  const width = options.panelWidth ?? 360;
  const height = options.panelHeight ?? 240;
  checkPositiveInteger(fn, maxPoints, 'maxLossPoints');
  checkPositive(fn, width, 'panelWidth');
  checkPositive(fn, height, 'panelHeight');

  const loss: { step: number; loss: number }[] = [];
  const acc: { epoch: number; split: string; accuracy: number }[] = [];
  records.forEach((r, i) => {
    if (finite(r.step) && r.loss !== undefined) {
      if (!finite(r.loss)) throw new RangeError(`${fn}: records[${i}].loss is ${r.loss} at step ${r.step}; the run diverged`);
      if (lossScale === 'log' && r.loss <= 0) throw new RangeError(`${fn}: records[${i}].loss is ${r.loss}, but the loss axis is log scale (values must be > 0)`);
      loss.push({ step: r.step, loss: r.loss });
    }
    if (finite(r.epoch) && !finite(r.step)) {
      if (finite(r.trainAcc)) acc.push({ epoch: r.epoch, split: paletteLabel('split', 'train'), accuracy: r.trainAcc });
      if (finite(r.valAcc)) acc.push({ epoch: r.epoch, split: paletteLabel('split', 'val'), accuracy: r.valAcc });
    }
  });
  if (loss.length === 0 && acc.length === 0) {
    throw new RangeError(`${fn}: records has no loss point (step + loss) and no accuracy point (epoch + trainAcc/valAcc)`);
  }
  loss.sort((a, b) => a.step - b.step);
  const lossRows = loss.length > maxPoints ? bucketMeans(loss, maxPoints) : loss;

  const panels = [];
  if (lossRows.length > 0) {
    panels.push({
      width,
      height,
      data: { values: lossRows },
      mark: { type: 'line' as const, color: '#4c4c4c', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'step', type: 'quantitative' as const, title: 'iteration' },
        y: { field: 'loss', type: 'quantitative' as const, title: options.lossTitle ?? 'training loss (cross-entropy)', scale: axisScale(lossScale) },
        tooltip: [
          { field: 'step', type: 'quantitative' as const, title: 'iteration' },
          { field: 'loss', type: 'quantitative' as const, format: '.4~g' },
        ],
      },
    });
  }
  if (acc.length > 0) {
    const splitScale = paletteScale('split', acc.map((a) => a.split));
    panels.push({
      width,
      height,
      data: { values: acc },
      mark: { type: 'line' as const, point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'accuracy', type: 'quantitative' as const, title: 'accuracy (fraction correct)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
        color: { field: 'split', type: 'nominal' as const, title: 'data', scale: splitScale, sort: splitScale.domain },
        tooltip: [
          { field: 'epoch', type: 'quantitative' as const },
          { field: 'split', type: 'nominal' as const, title: 'data' },
          { field: 'accuracy', type: 'quantitative' as const, format: '.3f' },
        ],
      },
    });
  }
  return { ...specHeader(options), hconcat: panels };
}

/** Means of `maxPoints` equal buckets of consecutive points (x is the bucket's mean step). */
function bucketMeans(points: readonly { step: number; loss: number }[], maxPoints: number): { step: number; loss: number }[] {
  const out: { step: number; loss: number }[] = [];
  const size = points.length / maxPoints;
  for (let b = 0; b < maxPoints; b++) {
    const from = Math.floor(b * size);
    const to = Math.floor((b + 1) * size);
    let s = 0;
    let l = 0;
    for (let i = from; i < to; i++) {
      s += points[i].step;
      l += points[i].loss;
    }
    if (to > from) out.push({ step: s / (to - from), loss: l / (to - from) });
  }
  return out;
}
