// The lessons' JupyterLab: the JupyterLab 4.6.3 extensions a student uses, registered by hand and
// bundled by webpack (no prebuilt extensions, no module federation). Served by ../lessons_lab.py.
//
// Keep these three lists in step with package.json: test/lab/build.test.ts checks that every
// "-extension" dependency is registered here, as a plugin or mime extension as its package.json says.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { IServiceManager } from '@jupyterlab/services';
import { PluginRegistry } from '@lumino/coreutils';

// Plugin extensions, each module's default export (one plugin or an array of plugins).
import applicationExtension from '@jupyterlab/application-extension';
import apputilsExtension from '@jupyterlab/apputils-extension';
import cellToolbarExtension from '@jupyterlab/cell-toolbar-extension';
import celltagsExtension from '@jupyterlab/celltags-extension';
import codemirrorExtension from '@jupyterlab/codemirror-extension';
import completerExtension from '@jupyterlab/completer-extension';
import consoleExtension from '@jupyterlab/console-extension';
import csvviewerExtension from '@jupyterlab/csvviewer-extension';
import docmanagerExtension from '@jupyterlab/docmanager-extension';
import documentsearchExtension from '@jupyterlab/documentsearch-extension';
import filebrowserExtension from '@jupyterlab/filebrowser-extension';
import fileeditorExtension from '@jupyterlab/fileeditor-extension';
import helpExtension from '@jupyterlab/help-extension';
import htmlviewerExtension from '@jupyterlab/htmlviewer-extension';
import imageviewerExtension from '@jupyterlab/imageviewer-extension';
import inspectorExtension from '@jupyterlab/inspector-extension';
import launcherExtension from '@jupyterlab/launcher-extension';
import logconsoleExtension from '@jupyterlab/logconsole-extension';
import mainmenuExtension from '@jupyterlab/mainmenu-extension';
import markdownviewerExtension from '@jupyterlab/markdownviewer-extension';
import markedparserExtension from '@jupyterlab/markedparser-extension';
import mathjaxExtension from '@jupyterlab/mathjax-extension';
import metadataformExtension from '@jupyterlab/metadataform-extension';
import notebookExtension from '@jupyterlab/notebook-extension';
import rendermimeExtension from '@jupyterlab/rendermime-extension';
import runningExtension from '@jupyterlab/running-extension';
import servicesExtension from '@jupyterlab/services-extension';
import settingeditorExtension from '@jupyterlab/settingeditor-extension';
import shortcutsExtension from '@jupyterlab/shortcuts-extension';
import statusbarExtension from '@jupyterlab/statusbar-extension';
import themeDarkExtension from '@jupyterlab/theme-dark-extension';
import themeLightExtension from '@jupyterlab/theme-light-extension';
import tocExtension from '@jupyterlab/toc-extension';
import tooltipExtension from '@jupyterlab/tooltip-extension';
import translationExtension from '@jupyterlab/translation-extension';
import uiComponentsExtension from '@jupyterlab/ui-components-extension';
import workspacesExtension from '@jupyterlab/workspaces-extension';

// Mime extensions: renderers for output and document types.
import javascriptMimeExtension from '@jupyterlab/javascript-extension';
import jsonMimeExtension from '@jupyterlab/json-extension';
import pdfMimeExtension from '@jupyterlab/pdf-extension';
import vega5MimeExtension from '@jupyterlab/vega5-extension';

// Each package's styles (its styleModule, which pulls in the styles of what it depends on). The
// themes' own CSS is not here: the theme manager loads it from the server's themes URL.
import '@jupyterlab/application-extension/style/index.js';
import '@jupyterlab/apputils-extension/style/index.js';
import '@jupyterlab/cell-toolbar-extension/style/index.js';
import '@jupyterlab/celltags-extension/style/index.js';
import '@jupyterlab/codemirror-extension/style/index.js';
import '@jupyterlab/completer-extension/style/index.js';
import '@jupyterlab/console-extension/style/index.js';
import '@jupyterlab/csvviewer-extension/style/index.js';
import '@jupyterlab/docmanager-extension/style/index.js';
import '@jupyterlab/documentsearch-extension/style/index.js';
import '@jupyterlab/filebrowser-extension/style/index.js';
import '@jupyterlab/fileeditor-extension/style/index.js';
import '@jupyterlab/help-extension/style/index.js';
import '@jupyterlab/htmlviewer-extension/style/index.js';
import '@jupyterlab/imageviewer-extension/style/index.js';
import '@jupyterlab/inspector-extension/style/index.js';
import '@jupyterlab/javascript-extension/style/index.js';
import '@jupyterlab/json-extension/style/index.js';
import '@jupyterlab/launcher-extension/style/index.js';
import '@jupyterlab/logconsole-extension/style/index.js';
import '@jupyterlab/mainmenu-extension/style/index.js';
import '@jupyterlab/markdownviewer-extension/style/index.js';
import '@jupyterlab/markedparser-extension/style/index.js';
import '@jupyterlab/mathjax-extension/style/index.js';
import '@jupyterlab/metadataform-extension/style/index.js';
import '@jupyterlab/notebook-extension/style/index.js';
import '@jupyterlab/pdf-extension/style/index.js';
import '@jupyterlab/rendermime-extension/style/index.js';
import '@jupyterlab/running-extension/style/index.js';
import '@jupyterlab/settingeditor-extension/style/index.js';
import '@jupyterlab/shortcuts-extension/style/index.js';
import '@jupyterlab/statusbar-extension/style/index.js';
import '@jupyterlab/toc-extension/style/index.js';
import '@jupyterlab/tooltip-extension/style/index.js';
import '@jupyterlab/translation-extension/style/index.js';
import '@jupyterlab/ui-components-extension/style/index.js';
import '@jupyterlab/vega5-extension/style/index.js';
import '@jupyterlab/workspaces-extension/style/index.js';

const pluginModules = [
  applicationExtension,
  apputilsExtension,
  cellToolbarExtension,
  celltagsExtension,
  codemirrorExtension,
  completerExtension,
  consoleExtension,
  csvviewerExtension,
  docmanagerExtension,
  documentsearchExtension,
  filebrowserExtension,
  fileeditorExtension,
  helpExtension,
  htmlviewerExtension,
  imageviewerExtension,
  inspectorExtension,
  launcherExtension,
  logconsoleExtension,
  mainmenuExtension,
  markdownviewerExtension,
  markedparserExtension,
  mathjaxExtension,
  metadataformExtension,
  notebookExtension,
  rendermimeExtension,
  runningExtension,
  servicesExtension,
  settingeditorExtension,
  shortcutsExtension,
  statusbarExtension,
  themeDarkExtension,
  themeLightExtension,
  tocExtension,
  tooltipExtension,
  translationExtension,
  uiComponentsExtension,
  workspacesExtension,
];

const mimeModules = [javascriptMimeExtension, jsonMimeExtension, pdfMimeExtension, vega5MimeExtension];

const asArray = (mod) => (Array.isArray(mod) ? mod : [mod]);

/** Drops what the page config disables (page_config.json's disabledExtensions, by id or package name). */
function enabled(plugins) {
  return plugins.filter((plugin) => !PageConfig.Extension.isDisabled(plugin.id));
}

async function main() {
  const plugins = enabled(pluginModules.flatMap(asArray));
  const mimeExtensions = enabled(mimeModules.flatMap(asArray));

  // The service manager is itself made by plugins (services-extension): resolve it first, then
  // hand the same registry to the application, which activates the rest.
  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);

  const lab = new JupyterLab({ pluginRegistry, serviceManager, mimeExtensions });
  // For the browser tests (test/lab) and anyone debugging in the console, as JupyterLab's own dev
  // mode does with exposeAppInBrowser.
  window.jupyterapp = lab;
  await lab.start({ bubblingKeydown: true });
  await lab.restored;
  document.body.dataset.labRestored = 'true';
}

main().catch((err) => {
  console.error('The lessons JupyterLab failed to start:', err);
});
