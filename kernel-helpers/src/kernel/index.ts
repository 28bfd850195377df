/**
 * What notebooks and helpers need from the lessons kernel: the display protocol. Importing this
 * starts nothing and loads nothing from tslab.
 */
export { hasMimeBundle } from './mimeBundle';
export type { MimeBundle, MimeBundleProvider } from './mimeBundle';
