// Bundles src/index.js (the JupyterLab application and its extensions) into build/static/.
// Run through scripts/lab/build.mjs, which also lays out the schemas, themes and page template.
// A development build: no minification (a production build takes minutes on two cores and the
// bundle is only ever served from 127.0.0.1).
const path = require('node:path');
const webpack = require('webpack');
const svgToMiniDataURI = require('mini-svg-data-uri');

const buildDir = process.env.LESSONS_LAB_BUILD_DIR || path.join(__dirname, 'build');

module.exports = {
  mode: 'development',
  devtool: false,
  context: __dirname,
  entry: { main: './src/index.js' },
  output: {
    path: path.join(buildDir, 'static'),
    // Resolved at run time from main.js's own URL, so chunks load from /static/lessons_lab/.
    publicPath: 'auto',
    // Content hashes let the browser cache everything but never serve a stale bundle after a
    // rebuild; the build script writes main.js's hashed name into the page template.
    filename: '[name].[contenthash:12].js',
    chunkFilename: '[name].[contenthash:12].js',
    assetModuleFilename: 'assets/[name].[contenthash:12][ext]',
    clean: true,
  },
  module: {
    rules: [
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      // Text files some packages import as strings.
      { test: /\.(txt|md)$/, type: 'asset/source' },
      // Icons: imported from JavaScript as SVG source (ui-components' LabIcon), from CSS as data URIs.
      { test: /\.svg$/, issuer: /\.css$/, type: 'asset/inline', generator: { dataUrl: (content) => svgToMiniDataURI(content.toString()) } },
      { test: /\.svg$/, issuer: /\.[cm]?js$/, type: 'asset/source' },
      { test: /\.(png|jpe?g|gif|ico|woff2?|ttf|eot|otf)$/, type: 'asset/resource' },
      // Packages compiled as ES modules import files without extensions.
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  resolve: {
    // Node built-ins some dependencies mention but do not need in a browser.
    fallback: {
      path: require.resolve('path-browserify'),
      process: require.resolve('process/browser'),
      url: false,
      buffer: false,
      crypto: false,
      fs: false,
    },
  },
  plugins: [new webpack.ProvidePlugin({ process: 'process/browser' })],
  performance: { hints: false },
  // Rebuilds after a change reuse the work of the last build.
  cache: { type: 'filesystem', cacheDirectory: path.join(__dirname, 'node_modules', '.cache', 'webpack'), buildDependencies: { config: [__filename] } },
  infrastructureLogging: { level: 'error' },
};
