/**
 * kernel-helpers: the plumbing behind the Training Neural Networks I lessons.
 *
 * The math each lesson teaches lives in the notebook; this package holds only what every lesson
 * needs around it: backend setup, seeding, data loading, chart specs, display, training
 * scaffolding and checks. Import it in a notebook as `import { ... } from 'kernel-helpers'`.
 */
export * from './backend';
export * from './random';
export * from './checks';
export * from './train';
export * from './data';
export * from './charts';
export * from './display';
export * from './parallel';
export * from './kernel';
